namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>Exponential backoff between failed attempts: base → max (1 s → 60 s by default), jittered, attempts never capped.</summary>
internal sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
{
    private int _failures;

    public void Reset() => _failures = 0;

    /// <summary>The delay before the next attempt; each call counts one more failure.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures++, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // Jitter downwards by up to 20 %: never longer than the cap, never shorter than 4/5 of the step.
        return TimeSpan.FromMilliseconds(ceiling * (1 - (0.2 * Random.Shared.NextDouble())));
    }
}
