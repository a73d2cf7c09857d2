namespace LabelStudioMl.Bot.Replicas;

/// <summary>
/// This bot process among the ones sharing a store: its name is the host name (a Kubernetes pod's name) and the
/// process id, as claims, the leader's lock and <c>/metrics</c> name it.
/// </summary>
internal sealed class Replica
{
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}
