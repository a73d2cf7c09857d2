using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Status;

/// <summary><c>/ml status</c>: one compact board of every known backend, problems first, watched ones marked.</summary>
internal sealed class StatusCommand(LabelStudioClient labelStudio, BackendPresenter presenter, WatchStore watches) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "status",
        "One board of every ML backend's state, problems first",
        AccessLevel.View,
        []);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // Every project's backends are known; a watched backend lives in one of them.
        var projects = await labelStudio.GetProjectsAsync(title: null, cancellationToken);
        var backends = await labelStudio.ListAllBackendsAsync(projects, cancellationToken);
        var subscriptions = await watches.ActiveSubscriptionsAsync(cancellationToken);
        var watched = backends.Where(b => subscriptions.Any(s => s.Concerns(b.Project, b.Id))).Select(b => b.Id).ToHashSet();
        return presenter.StatusBoard(backends, projects.ToDictionary(p => p.Id), watched);
    }
}
