using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>How a training run ended, as stored: the final status, the version after and Label Studio's error text.</summary>
internal sealed record TrainingResult(string Status, string? VersionAfter, string? ErrorMessage, DateTimeOffset At)
{
    /// <summary>A new model version appeared.</summary>
    public const string Finished = "finished";

    /// <summary>The backend went to Error.</summary>
    public const string Failed = "failed";

    /// <summary>Label Studio could not reach the ML server.</summary>
    public const string Disconnected = "disconnected";

    /// <summary>Training returned, or the deadline passed, without a new version.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>Label Studio refused or failed the <c>/train</c> call itself.</summary>
    public const string NotStarted = "not started";

    /// <summary>The backend was removed before its result could be read.</summary>
    public const string Removed = "removed";

    /// <summary>The outcome read from the backend after training: a new version wins over everything else.</summary>
    public static TrainingResult Of(TrainingRun run, MlBackend after, DateTimeOffset at)
    {
        if (!string.Equals(run.VersionBefore ?? "", after.ModelVersion ?? "", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(after.ModelVersion))
            return new(Finished, after.ModelVersion, null, at);
        if (after.State == MlBackendState.Error)
            return new(Failed, after.ModelVersion, BackendText.ErrorText(after), at);
        if (after.State == MlBackendState.Disconnected)
            return new(Disconnected, after.ModelVersion, BackendText.ErrorText(after), at);
        return new(Unchanged, after.ModelVersion, null, at);
    }
}

/// <summary>The training messages: "started" in reply to the command, then the result as a reply to it.</summary>
internal static class TrainingReport
{
    /// <summary>The public answer to <c>/ml train</c>: who, which backend, the version before.</summary>
    public static Card Started(TrainingRun run, MlBackend backend, Project? project) =>
        new CardBuilder()
            .WithTitle($"{StateStyle.Training.Emoji} Training started · {BackendText.Heading(backend, project)}")
            .WithSeverity(StateStyle.Training.Severity)
            .WithDescription("Label Studio asked the ML server to train. The result will be posted as a reply to this message.")
            .AddField("Started by", Who(run), inline: true)
            .AddField("Model version before", SafeText.Escape(BackendText.Version(run.VersionBefore) ?? "none"), inline: true)
            .AddField("Started", DiscordTimestamp.Relative(run.StartedAt), inline: true)
            .Build();

    /// <summary>The refusal of a second run for a backend already training.</summary>
    public static string AlreadyTraining(TrainingRun run) =>
        $"Backend #{run.BackendId} is already training: {SafeText.Escape(run.StartedByName)} started it {DiscordTimestamp.Relative(run.StartedAt)}. "
        + "Wait for its result in this channel (or the channel it was started in), then train again.";

    /// <summary>The result of a run, read from the backend and its versions after training.</summary>
    public static Card Result(TrainingRun run, TrainingResult result, MlBackend after, Project? project, MlBackendVersions? versions, bool interrupted)
    {
        var heading = BackendText.Heading(after, project);
        var was = SafeText.Escape(BackendText.Version(run.VersionBefore) ?? "none");
        var now = SafeText.Escape(BackendText.Version(result.VersionAfter) ?? "none");
        var builder = result.Status switch
        {
            TrainingResult.Finished => new CardBuilder()
                .WithTitle($"{StateStyle.Connected.Emoji} Training finished · {heading}")
                .WithSeverity(StateStyle.Connected.Severity)
                .WithDescription($"Model version **{was}** → **{now}**"),
            TrainingResult.Failed => new CardBuilder()
                .WithTitle($"{StateStyle.Error.Emoji} Training failed · {heading}")
                .WithSeverity(StateStyle.Error.Severity)
                .WithDescription(Quote(result.ErrorMessage ?? "Label Studio recorded no error message."))
                .AddField("What to do", "Read the ML server's log for the training error, fix it, then run `/ml train` again."),
            TrainingResult.Disconnected => new CardBuilder()
                .WithTitle($"{StateStyle.Disconnected.Emoji} Training did not run · {heading}")
                .WithSeverity(StateStyle.Disconnected.Severity)
                .WithDescription(result.ErrorMessage is { } reason ? $"Label Studio cannot reach the ML server:\n{Quote(reason)}" : "Label Studio cannot reach the ML server.")
                .AddField("What to do", "Start the ML server (or fix the backend's URL with `/ml update`), then run `/ml train` again."),
            _ when !interrupted => new CardBuilder()
                .WithTitle($"{StateStyle.For(after.State).Emoji} Training finished · model version unchanged · {heading}")
                .WithSeverity(StateStyle.For(after.State).Severity)
                .WithDescription($"The ML server answered Label Studio's `START_TRAINING`, so training ended; the model version is still **{now}**. "
                    + "That is expected when the model keeps a fixed version: label-studio-ml-backend's examples set `model_version` to a constant "
                    + "in `setup()`, which runs on every request. It is also all Label Studio shows when `fit()` failed (the next read clears the error) "
                    + "or when the ML server does not handle `START_TRAINING` on `/webhook`: read the ML server's log. " + ForSure),
            _ => new CardBuilder()
                .WithTitle($"{StateStyle.For(after.State).Emoji} No new model version · {heading}")
                .WithSeverity(Severity.Neutral)
                .WithDescription($"Still **{now}** ({StateStyle.For(after.State).Word}), and Label Studio reports no outcome of training. Training is still "
                    + "running on the ML server, it failed, or the model keeps a fixed version (label-studio-ml-backend's examples set one in `setup()`); "
                    + "if nothing was trained, the ML server must handle `START_TRAINING` on `/webhook` (the SDK's `fit()`). Read the ML server's log. " + ForSure),
        };

        builder.AddField("Started by", Who(run), inline: true)
            .AddField("Took", Duration(result.At - run.StartedAt), inline: true);
        if (result.Status != TrainingResult.Finished)
            builder.AddField("Model version", now, inline: true);
        if (versions is { Versions.Count: > 0 } known)
            builder.AddField("Versions on the ML server", SafeText.Escape(string.Join(", ", known.Versions.TakeLast(5).Select(v => BackendText.Version(v) ?? v))));
        if (interrupted)
            builder.WithFooter("The bot restarted (or stopped waiting) during training; this result was read from the backend's model version.");
        return builder.Build();
    }

    /// <summary>The <c>/train</c> call ended before training did: not a result, and when the result will come.</summary>
    public static Card StillTraining(TrainingRun run, string why, TimeSpan pollInterval, DateTimeOffset deadline) =>
        new CardBuilder()
            .WithTitle($"{StateStyle.Training.Emoji} Still training · backend #{run.BackendId}")
            .WithSeverity(StateStyle.Training.Severity)
            .WithDescription($"{why} The bot reads the backend's model version every {Duration(pollInterval)} and posts the new one as the result, "
                + $"in reply to the start message; if none appears by {DiscordTimestamp.Relative(deadline)}, it says so.")
            .AddField("Started by", Who(run), inline: true)
            .AddField("Model version before", SafeText.Escape(BackendText.Version(run.VersionBefore) ?? "none"), inline: true)
            .Build();

    /// <summary>The outcome <c>fit()</c> reported to <c>POST /training/report</c>: what the ML server knows for sure.</summary>
    public static Card Reported(TrainingRun run, TrainingResult result, MlTrainingReport report, MlBackend? backend, Project? project)
    {
        var heading = backend is null ? $"backend #{run.BackendId} · project {run.ProjectId}" : BackendText.Heading(backend, project);
        var was = SafeText.Escape(BackendText.Version(run.VersionBefore) ?? "none");
        var builder = result.Status == TrainingResult.Failed
            ? new CardBuilder()
                .WithTitle($"{StateStyle.Error.Emoji} Training failed · {heading}")
                .WithSeverity(StateStyle.Error.Severity)
                .WithDescription(Quote(result.ErrorMessage ?? "The ML server reported a failure without a message."))
                .AddField("What to do", "Read the ML server's log for the training error, fix it, then run `/ml train` again.")
            : new CardBuilder()
                .WithTitle($"{StateStyle.Connected.Emoji} Training finished · {heading}")
                .WithSeverity(StateStyle.Connected.Severity)
                .WithDescription(BackendText.Version(result.VersionAfter) is not { } now
                    ? $"Model version before: **{was}**; the ML server did not say which version it trained."
                    : string.Equals(result.VersionAfter, run.VersionBefore, StringComparison.Ordinal)
                        ? $"Model version **{SafeText.Escape(now)}** (the same as before: the model keeps a fixed version)"
                        : $"Model version **{was}** → **{SafeText.Escape(now)}**");

        builder.AddField("Started by", Who(run), inline: true)
            .AddField("Took", Duration(result.At - run.StartedAt), inline: true);
        if (report.Metrics.Count > 0)
            builder.AddField("Metrics", string.Join("\n", report.Metrics.Take(MaxMetrics).Select(m => $"`{SafeText.Cut(m.Key, 40).Replace('`', '\'')}` {SafeText.Escape(SafeText.Cut(m.Value, 60))}")));
        return builder.WithFooter("Reported by the ML server's fit() to the bot (POST /training/report).").Build();
    }

    /// <summary>Label Studio refused or failed the <c>/train</c> call itself.</summary>
    public static Card NotStarted(TrainingRun run, LabelStudioException error) =>
        new CardBuilder()
            .WithTitle($"{StateStyle.Error.Emoji} Training could not start · backend #{run.BackendId}")
            .WithSeverity(StateStyle.Error.Severity)
            .WithDescription(Quote(error.Message))
            .AddField("What to do", error.Hint ?? "Check `/ml get backend` and try `/ml train` again.")
            .AddField("Started by", Who(run), inline: true)
            .Build();

    /// <summary>The end of a run whose backend was removed (Label Studio answers 404 for it): no result can be read.</summary>
    public static Card Removed(TrainingRun run, TrainingResult result) =>
        new CardBuilder()
            .WithTitle($"{StateStyle.Disconnected.Emoji} Training ended · backend #{run.BackendId} was removed")
            .WithSeverity(StateStyle.Disconnected.Severity)
            .WithDescription($"Backend #{run.BackendId} was removed from Label Studio during training, so no result can be read. "
                + "The ML server may still train, and keeps what it trains: to use it, connect it again with `/ml add`.")
            .AddField("Started by", Who(run), inline: true)
            .AddField("Took", Duration(result.At - run.StartedAt), inline: true)
            .AddField("Model version before", SafeText.Escape(BackendText.Version(run.VersionBefore) ?? "none"), inline: true)
            .Build();

    /// <summary>The refusal to remove a backend while Label Studio still waits for its ML server to train.</summary>
    public static string RemoveWhileTraining(TrainingRun run) =>
        $"Backend #{run.BackendId} is training: {SafeText.Escape(run.StartedByName)} started it {DiscordTimestamp.Relative(run.StartedAt)}, and Label Studio "
        + "is still waiting for the ML server. When that wait ends, Label Studio saves the backend again, so a removal now would not last. "
        + "Wait for the result (Label Studio waits at most `ML_TIMEOUT_TRAIN`), then remove it.";

    /// <summary>Metrics shown of a report (the rest are left out; an embed field holds 1,024 characters).</summary>
    private const int MaxMetrics = 10;

    private const string ForSure = "To be told for sure, have `fit()` report to the bot: set Training:ReportSecret (README, \"Training reports\").";

    /// <summary>A mention in Discord (embeds never ping); the name on the console, which has no channel.</summary>
    private static string Who(TrainingRun run) => run.ChannelId is null ? SafeText.Escape(run.StartedByName) : $"<@{run.StartedById}>";

    private static string Quote(string text) =>
        "> " + SafeText.Escape(SafeText.Cut(text, BackendPresenter.DetailErrorLength)).Replace("\n", "\n> ", StringComparison.Ordinal);

    private static string Duration(TimeSpan took) => took switch
    {
        { TotalSeconds: < 60 } => $"{Math.Max(0, (int)took.TotalSeconds)} s",
        { TotalMinutes: < 60 } => $"{(int)took.TotalMinutes} min {took.Seconds} s",
        _ => $"{(int)took.TotalHours} h {took.Minutes} min",
    };
}
