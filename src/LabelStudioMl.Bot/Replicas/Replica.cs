using System.Security.Cryptography;

namespace LabelStudioMl.Bot.Replicas;

/// <summary>
/// This bot process among the ones sharing a store, as claims, heartbeats, training runs and <c>/metrics</c> name it:
/// the host name (a Kubernetes pod's name), the process id and a random part, so that a process restarted with the
/// same host name and process id (a container's process 1) is never taken for the one before it, whose runs it must
/// resume.
/// </summary>
internal sealed class Replica
{
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}
