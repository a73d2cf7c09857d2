using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>The <c>Watch</c> configuration section: how often watched projects are polled and how alerts are damped.</summary>
public sealed class WatchSettings
{
    public const string SectionName = "Watch";

    /// <summary>Time between two polls of every watched project (±10 % jitter).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Polls in a row a new state must hold before it is announced (recovery alike).</summary>
    public int ConfirmPolls { get; set; } = 2;

    /// <summary>Projects listed at the same time during one poll.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>The longest wait between polls while Label Studio is unreachable (the wait doubles from the interval up to this).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Refuses settings that would hammer Label Studio, never alert or break the loop, at start (exit code 2).</summary>
internal sealed class WatchSettingsValidator : IValidateOptions<WatchSettings>
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, WatchSettings options)
    {
        var failures = new List<string>();
        if (options.Interval < MinInterval || options.Interval > MaxInterval)
            failures.Add(Problem("Interval", "a time span between 00:00:00.100 and 1.00:00:00, e.g. 00:01:00"));
        if (options.ConfirmPolls is < 1 or > 20)
            failures.Add(Problem("ConfirmPolls", "a whole number from 1 to 20, e.g. 2"));
        if (options.Concurrency is < 1 or > 32)
            failures.Add(Problem("Concurrency", "a whole number from 1 to 32, e.g. 4"));
        if (options.MaxBackoff < options.Interval || options.MaxBackoff > MaxInterval)
            failures.Add(Problem("MaxBackoff", "a time span at least Watch:Interval and at most 1.00:00:00, e.g. 00:10:00"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Problem(string key, string what) => $"Watch:{key} must be {what} (environment variable Watch__{key}).";
}
