using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Training;

/// <summary>The <c>Training</c> configuration section: how training results are followed and reported.</summary>
public sealed class TrainingOptions
{
    public const string SectionName = "Training";

    /// <summary>
    /// How long after <c>/ml train</c> the result may still go out as a follow-up of the interaction (its token lives
    /// 15 minutes); later results are posted as channel messages replying to the start message.
    /// </summary>
    public TimeSpan FollowUpWindow { get; set; } = TimeSpan.FromMinutes(14);

    /// <summary>How often a run whose <c>/train</c> call was cut off (restart, time limit) is checked for a new model version.</summary>
    public TimeSpan ResumePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after its start such a run is reported as "no new model version" when none appeared.</summary>
    public TimeSpan ResultDeadline { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Refuses unusable time spans at start (exit code 2).</summary>
internal sealed class TrainingOptionsValidator : IValidateOptions<TrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainingOptions options)
    {
        var failures = new List<string>();
        if (options.FollowUpWindow < TimeSpan.Zero || options.FollowUpWindow > TimeSpan.FromMinutes(14.5))
            failures.Add("Training:FollowUpWindow must be between 00:00:00 and 00:14:30: Discord's interaction token expires after 15 minutes (environment variable Training__FollowUpWindow).");
        if (options.ResumePollInterval <= TimeSpan.Zero || options.ResumePollInterval > TimeSpan.FromHours(1))
            failures.Add("Training:ResumePollInterval must be above zero and at most 01:00:00 (environment variable Training__ResumePollInterval).");
        if (options.ResultDeadline <= TimeSpan.Zero || options.ResultDeadline > TimeSpan.FromDays(7))
            failures.Add("Training:ResultDeadline must be above zero and at most 7.00:00:00 (environment variable Training__ResultDeadline).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
