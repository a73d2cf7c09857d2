namespace LabelStudioMl.Bot.Features.Train;

/// <summary>Where a training run stands. In flight: <see cref="Running"/> and <see cref="Interrupted"/>; every other status is final.</summary>
internal static class TrainingStatus
{
    /// <summary>This process is waiting for Label Studio's <c>/train</c> call.</summary>
    public const string Running = "running";

    /// <summary>The <c>/train</c> call was cut off (restart, time limit); the result is read from the model version.</summary>
    public const string Interrupted = "interrupted";
}

/// <summary>One <c>/ml train</c>: who started it where, and the model version before, so the result can be told once.</summary>
internal sealed record TrainingRun(
    long Id,
    int BackendId,
    int ProjectId,
    string InteractionId,
    string? GuildId,
    string? ChannelId,
    string? StartMessageId,
    string StartedById,
    string StartedByName,
    DateTimeOffset StartedAt,
    string? VersionBefore,
    string Status);
