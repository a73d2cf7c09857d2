using System.Collections.Concurrent;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>The fake's DNS: loopback names plus names registered with <see cref="FakeLabelStudio.MapHost"/>.</summary>
internal sealed class HostTable
{
    private readonly ConcurrentDictionary<string, bool> _mapped = new(StringComparer.OrdinalIgnoreCase);

    public void Map(string hostName) => _mapped[hostName] = true;

    public bool IsReachable(string host) =>
        host is "127.0.0.1" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || _mapped.ContainsKey(host);
}
