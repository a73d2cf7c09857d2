namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// Counts connection attempts in the last minute. Discord asks for an immediate reconnect after op 7 or a resumable
/// close, but a gateway (or middlebox) that breaks every connection right after it opens would turn that into a
/// storm, and every connection counts toward Discord's limits: from the third attempt within a minute, even an
/// "immediate" reconnect waits its backoff.
/// </summary>
internal sealed class ConnectionRate(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int ImmediateAllowed = 3;
    private readonly Queue<long> _starts = new();

    /// <summary>Records one connection attempt now.</summary>
    public void Count()
    {
        _starts.Enqueue(time.GetTimestamp());
        while (_starts.Count > ImmediateAllowed)
            _starts.Dequeue();
    }

    /// <summary>Whether the last <see cref="ImmediateAllowed"/> attempts all fell within the last minute.</summary>
    public bool TooMany() => _starts.Count == ImmediateAllowed && time.GetElapsedTime(_starts.Peek()) < Window;
}
