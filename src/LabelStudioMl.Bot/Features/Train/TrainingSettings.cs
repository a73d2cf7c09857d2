using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>The <c>Training</c> configuration section: how training results are followed and reported.</summary>
public sealed class TrainingSettings
{
    public const string SectionName = "Training";

    /// <summary>The shortest secret <see cref="ReportSecret"/> accepts.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>
    /// How long after <c>/ml train</c> the result may still go out as a follow-up of the interaction (its token lives
    /// 15 minutes); later results are posted as channel messages replying to the start message.
    /// </summary>
    public TimeSpan FollowUpWindow { get; set; } = TimeSpan.FromMinutes(14);

    /// <summary>
    /// How long Label Studio waits for the ML server's answer to START_TRAINING (its <c>ML_TIMEOUT_TRAIN</c> or
    /// <c>ML_TIMEOUT_PREDICT</c>, by version; ml/api_connector.py). A <c>/train</c> call that returns after about this
    /// long was given up by Label Studio, not finished: the ML server is still training.
    /// </summary>
    public TimeSpan LabelStudioWaitLimit { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How often a run whose <c>/train</c> call ended before training did (Label Studio's wait, the bot's time limit, a restart) is checked for a new model version.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after its start such a run is reported as "no new model version" when none appeared.</summary>
    public TimeSpan ResultDeadline { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The bearer secret the ML server's <c>fit()</c> sends to <c>POST /training/report</c> on the health server; empty
    /// (default) turns reports off.
    /// </summary>
    public string ReportSecret { get; set; } = "";

    /// <summary>The setting's name before it became <see cref="PollInterval"/>; only read to say so.</summary>
    public TimeSpan? ResumePollInterval { get; set; }
}

/// <summary>Refuses unusable time spans and secrets at start (exit code 2).</summary>
internal sealed class TrainingSettingsValidator : IValidateOptions<TrainingSettings>
{
    public ValidateOptionsResult Validate(string? name, TrainingSettings options)
    {
        var failures = new List<string>();
        if (options.FollowUpWindow < TimeSpan.Zero || options.FollowUpWindow > TimeSpan.FromMinutes(14.5))
            failures.Add("Training:FollowUpWindow must be between 00:00:00 and 00:14:30: Discord's interaction token expires after 15 minutes (environment variable Training__FollowUpWindow).");
        if (options.LabelStudioWaitLimit < TimeSpan.FromSeconds(1) || options.LabelStudioWaitLimit > TimeSpan.FromHours(24))
            failures.Add("Training:LabelStudioWaitLimit must be between 00:00:01 and 1.00:00:00: set it to Label Studio's ML_TIMEOUT_TRAIN (or ML_TIMEOUT_PREDICT), e.g. 00:01:40 (environment variable Training__LabelStudioWaitLimit).");
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromHours(1))
            failures.Add("Training:PollInterval must be above zero and at most 01:00:00 (environment variable Training__PollInterval).");
        if (options.ResumePollInterval is not null)
            failures.Add("Training:ResumePollInterval was renamed Training:PollInterval: rename it in your settings (environment variable Training__PollInterval).");
        if (options.ResultDeadline <= TimeSpan.Zero || options.ResultDeadline > TimeSpan.FromDays(7))
            failures.Add("Training:ResultDeadline must be above zero and at most 7.00:00:00 (environment variable Training__ResultDeadline).");
        if (options.ReportSecret.Length > 0 && (options.ReportSecret.Length < TrainingSettings.MinimumSecretLength || options.ReportSecret.Any(char.IsWhiteSpace)))
            failures.Add($"Training:ReportSecret must be at least {TrainingSettings.MinimumSecretLength} characters without spaces, e.g. the output of `openssl rand -hex 32`, or empty to turn training reports off (environment variable Training__ReportSecret).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
