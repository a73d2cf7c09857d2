using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Commands;

/// <summary><c>/ml status</c>: one compact board of every known backend, problems first.</summary>
internal sealed class StatusCommand(LabelStudioClient labelStudio, BackendPresenter presenter) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "status",
        "One board of every ML backend's state, problems first",
        AccessLevel.View,
        []);

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // "Known" is every project's backends until watched backends arrive with notifications.
        var projects = await labelStudio.GetProjectsAsync(title: null, cancellationToken);
        var backends = await labelStudio.ListAllBackendsAsync(projects, cancellationToken);
        return presenter.StatusBoard(backends, projects.ToDictionary(p => p.Id));
    }
}
