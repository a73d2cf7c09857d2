using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Replicas;

/// <summary>The <c>Leader</c> configuration section: how replicas sharing a PostgreSQL store agree on one leader.</summary>
public sealed class LeaderSettings
{
    public const string SectionName = "Leader";

    /// <summary>
    /// How long the replicas may be without a leader once it died: a replica tries to take over every third of it,
    /// and the leader's database session asks PostgreSQL to drop it when its machine stops answering within it.
    /// </summary>
    public TimeSpan TakeoverTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

internal sealed class LeaderSettingsValidator : IValidateOptions<LeaderSettings>
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, LeaderSettings options) =>
        options.TakeoverTimeout >= Min && options.TakeoverTimeout <= Max
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Leader:TakeoverTimeout must be between {Min:c} and {Max:c}, such as 00:00:15 (environment variable Leader__TakeoverTimeout).");
}
