namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>
/// When the next poll runs: the interval with ±10 % jitter, so several bots (or restarts) do not poll in lockstep;
/// after failed polls the wait doubles per failure up to <see cref="WatchSettings.MaxBackoff"/>, jittered alike.
/// </summary>
internal static class WatchSchedule
{
    private const double Jitter = 0.1;

    /// <param name="options">The settings.</param>
    /// <param name="failedPolls">Polls in a row that could not reach Label Studio (0 after a good one).</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan Delay(WatchSettings options, int failedPolls, double random)
    {
        var baseDelay = options.Interval.TotalMilliseconds * Math.Pow(2, Math.Min(failedPolls, 30));
        var capped = Math.Min(baseDelay, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 - Jitter + (2 * Jitter * random)));
    }
}
