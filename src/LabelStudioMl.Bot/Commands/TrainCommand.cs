using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Commands;

/// <summary>
/// <c>/ml train backend</c>: asks Label Studio to train and reports what changed. Label Studio answers 200 with an
/// empty body whatever happened and may block until training ends (§2.6), so the outcome is read from the backend
/// afterwards: a new model version, an error state, an unreachable ML server, or no change at all. Label Studio's
/// next read re-runs the health check and usually clears a training error (§6.3), so "no new version" covers it.
/// </summary>
internal sealed class TrainCommand(LabelStudioClient labelStudio, BackendCatalog catalog) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "train",
        "Start training an ML backend and report the new model version",
        AccessLevel.Operate,
        [CommonOptions.Backend]);

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = context.Options.Id("backend")!.Value;
        var before = await labelStudio.GetBackendAsync(id, cancellationToken);
        await labelStudio.TrainAsync(id, cancellationToken);
        var after = await labelStudio.GetBackendAsync(id, cancellationToken);
        return Reply.Of(TrainingResult(before, after, catalog.FindProject(after.Project)));
    }

    private static Embed TrainingResult(MlBackend before, MlBackend after, Project? project)
    {
        var heading = BackendText.Heading(after, project);
        var was = BackendText.Version(before.ModelVersion) ?? "none";
        var now = BackendText.Version(after.ModelVersion) ?? "none";
        if (after.State == MlBackendState.Error)
        {
            var error = BackendText.ErrorText(after) ?? "Label Studio recorded no error message.";
            return new EmbedBuilder()
                .WithTitle($"{StateStyle.Error.Emoji} Training failed · {heading}")
                .WithColor(StateStyle.Error.Color)
                .WithDescription($"> {SafeText.Escape(SafeText.Cut(error, BackendPresenter.DetailErrorLength)).Replace("\n", "\n> ", StringComparison.Ordinal)}")
                .AddField("Model version", SafeText.Escape(now), inline: true)
                .AddField("What to do", "Read the ML server's console log for the training error, fix it, then run `/ml train` again.")
                .Build();
        }

        if (after.State == MlBackendState.Disconnected)
        {
            return new EmbedBuilder()
                .WithTitle($"{StateStyle.Disconnected.Emoji} Training did not start · {heading}")
                .WithColor(StateStyle.Disconnected.Color)
                .WithDescription(BackendText.ErrorText(after) is { } reason
                    ? $"Label Studio cannot reach the ML server:\n> {SafeText.Escape(SafeText.Excerpt(reason, BackendPresenter.DetailErrorLength))}"
                    : "Label Studio cannot reach the ML server.")
                .AddField("Model version", SafeText.Escape(now), inline: true)
                .AddField("What to do", "Start the ML server (or fix the backend's URL with `/ml update`), then run `/ml train` again.")
                .Build();
        }

        if (!string.Equals(before.ModelVersion, after.ModelVersion, StringComparison.Ordinal))
        {
            return new EmbedBuilder()
                .WithTitle($"{StateStyle.Connected.Emoji} Trained · {heading}")
                .WithColor(StateStyle.Connected.Color)
                .WithDescription($"Model version **{SafeText.Escape(was)}** → **{SafeText.Escape(now)}**")
                .Build();
        }

        return new EmbedBuilder()
            .WithTitle($"{StateStyle.For(after.State).Emoji} No new model version · {heading}")
            .WithColor(StateStyle.UnknownColor)
            .WithDescription($"Still **{SafeText.Escape(now)}** ({StateStyle.For(after.State).Word}). Label Studio reports no outcome of training, "
                + "so no new version means nothing was trained: the ML server must handle `START_TRAINING` on `/webhook` "
                + "(label-studio-ml-backend's `fit()`). If it does, training failed or is still running there: read the ML server's log.")
            .Build();
    }
}
