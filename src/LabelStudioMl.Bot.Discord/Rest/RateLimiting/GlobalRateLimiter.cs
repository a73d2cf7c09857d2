namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>The global limit (50 requests per second per bot) and the global pause after a global 429.</summary>
internal sealed class GlobalRateLimiter(TimeProvider time, int requestsPerSecond)
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    /// <summary>Waits for a slot in the current second and for any global pause to end.</summary>
    public async Task WaitAsync(bool exempt, CancellationToken cancellationToken)
    {
        // Interaction endpoints are outside the global limit, including its pause after a global 429 (RL).
        if (exempt)
            return;

        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (_blockedUntil > now)
                {
                    wait = _blockedUntil - now;
                }
                else
                {
                    while (_sent.Count > 0 && now - _sent.Peek() >= TimeSpan.FromSeconds(1))
                        _sent.Dequeue();
                    if (_sent.Count < requestsPerSecond)
                    {
                        _sent.Enqueue(now);
                        return;
                    }

                    wait = _sent.Peek() + TimeSpan.FromSeconds(1) - now;
                }
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, time, cancellationToken);
        }
    }

    /// <summary>How long the pause after a global 429 still holds requests back (never interaction endpoints).</summary>
    public TimeSpan BlockedFor(bool exempt)
    {
        lock (_lock)
        {
            var wait = _blockedUntil - time.GetUtcNow();
            return exempt || wait <= TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }

    /// <summary>A global 429: every request waits <paramref name="retryAfter"/>.</summary>
    public void Block(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (until > _blockedUntil)
                _blockedUntil = until;
        }
    }
}
