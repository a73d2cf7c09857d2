using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>
/// The watcher's messages: one card per backend change (titles name the backend and its project from the
/// autocomplete catalog, so polling needs no project call), a note for a project that is gone, and the
/// "Label Studio unreachable / reachable again" messages.
/// </summary>
internal sealed class WatchMessages(BackendCatalog catalog)
{
    /// <summary>Characters of a backend's error message shown in an alert (ten alerts share a message's 6000).</summary>
    public const int AlertErrorLength = 500;

    /// <summary>The card announcing <paramref name="change"/>.</summary>
    public Card Change(BackendChange change)
    {
        var backend = change.Backend;
        var heading = BackendText.Heading(backend, catalog.FindProject(backend.Project));
        var version = SafeText.Escape(BackendText.Version(backend.ModelVersion) ?? "none");
        return change.Kind switch
        {
            BackendChangeKind.EnteredError => Alert(StateStyle.Error, $"Error · {heading}",
                BackendText.ErrorText(backend) is { } error
                    ? string.Join('\n', SafeText.Cut(error, AlertErrorLength).Split('\n').Select(l => "> " + SafeText.Escape(l.TrimEnd())))
                    : "Label Studio recorded no error message.")
                .AddField("Model version", version, inline: true)
                .AddField("What to do", "Read the ML server's log; `/ml get` shows the backend as Label Studio sees it now.")
                .Build(),
            BackendChangeKind.EnteredDisconnected => Alert(StateStyle.Disconnected, $"Disconnected · {heading}",
                    "Label Studio cannot reach the ML server: its `/health` check fails.")
                .AddField("What to do", "Start the ML server, or fix the backend's URL with `/ml update`.")
                .Build(),
            BackendChangeKind.Recovered => Alert(StateStyle.Connected, $"Recovered · {heading}",
                    $"Connected again (was {StateStyle.For(new MlBackendState(change.Previous ?? "")).Word}).")
                .AddField("Model version", version, inline: true)
                .Build(),
            BackendChangeKind.NewModelVersion => new CardBuilder()
                .WithTitle($"🆕 New model version · {heading}")
                .WithSeverity(Severity.Info)
                .WithDescription($"**{SafeText.Escape(BackendText.Version(change.Previous) ?? "none")}** → **{version}**")
                .Build(),
            _ => new CardBuilder()
                .WithTitle($"🗑️ Removed · {heading}")
                .WithSeverity(Severity.Neutral)
                .WithDescription("The backend is no longer in its project in Label Studio. Watches of this backend here have stopped; "
                    + "project watches go on.")
                .Build(),
        };
    }

    /// <summary>The note for a watched project Label Studio no longer knows (404).</summary>
    public Card ProjectGone(int projectId) => new CardBuilder()
        .WithTitle($"🗑️ Project gone · {SafeText.Escape(BackendText.ProjectLabel(projectId, catalog.FindProject(projectId)))}")
        .WithSeverity(Severity.Neutral)
        .WithDescription("Label Studio answers \"not found\" for this project. Watches of it and of its backends here have stopped.")
        .Build();

    /// <summary>Label Studio does not answer (once per channel until it does).</summary>
    public static Reply Unreachable(LabelStudioException error, TimeSpan maxBackoff) => Reply.Of(new CardBuilder()
        .WithTitle("🔌 Label Studio unreachable")
        .WithSeverity(StateStyle.Error.Severity)
        .WithDescription($"The watcher cannot read backend states: {SafeText.Escape(SafeText.Excerpt(error.Message, AlertErrorLength))}\n"
            + $"No backend alerts until it answers; the bot retries, waiting up to {NumberText.Duration(maxBackoff)} between tries, and says here when it is back.")
        .Build());

    /// <summary>Label Studio refuses the bot's key or permissions (once per channel until it accepts them).</summary>
    public static Reply AccessRefused(LabelStudioException error) => Reply.Of(new CardBuilder()
        .WithTitle("🔑 Label Studio refuses the bot's access")
        .WithSeverity(StateStyle.Error.Severity)
        .WithDescription($"{SafeText.Escape(SafeText.Excerpt(error.Message, AlertErrorLength))}\n"
            + (error.Hint is { } hint ? SafeText.Escape(SafeText.Excerpt(hint, AlertErrorLength)) + "\n" : "")
            + "No backend alerts until an operator fixes LabelStudio:ApiKey or the bot user's role; the bot says here when it works again.")
        .Build());

    /// <summary>Label Studio answers again.</summary>
    public static Reply ReachableAgain() => Reply.Of(new CardBuilder()
        .WithTitle("✅ Label Studio reachable again")
        .WithSeverity(StateStyle.Connected.Severity)
        .WithDescription("Watching resumed; changes from now on are reported here.")
        .Build());

    private static CardBuilder Alert(StateStyle style, string title, string description) => new CardBuilder()
        .WithTitle($"{style.Emoji} {title}")
        .WithSeverity(style.Severity)
        .WithDescription(description);
}
