namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// The per-connection send limit (120 per 60 s, heartbeats included). Ordinary sends leave room for the
/// heartbeats the window will need, so a burst of commands can never starve a heartbeat into a 4008.
/// </summary>
internal sealed class GatewaySendLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();
    private int _heartbeatReserve = 3;

    public void SetHeartbeatInterval(TimeSpan interval)
    {
        var beats = interval > TimeSpan.Zero ? (int)Math.Ceiling(window / interval) : limit;
        _heartbeatReserve = Math.Clamp(beats + 2, 1, limit / 2);
    }

    public async Task WaitAsync(bool heartbeat, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                while (_sent.Count > 0 && now - _sent.Peek() >= window)
                    _sent.Dequeue();
                var allowed = heartbeat ? limit : limit - _heartbeatReserve;
                if (_sent.Count < allowed)
                {
                    _sent.Enqueue(now);
                    return;
                }

                wait = _sent.ElementAt(_sent.Count - allowed) + window - now;
            }

            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }
}
