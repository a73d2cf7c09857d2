using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Features.Get;

/// <summary><c>/ml get backend</c>: one backend in detail, as Label Studio sees it right now.</summary>
internal sealed class GetCommand(LabelStudioClient labelStudio, ProjectLookup projects, BackendPresenter presenter) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "get",
        "Show one ML backend: state, model version, error",
        AccessLevel.View,
        [CommonOptions.Backend]);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var backend = await labelStudio.GetBackendAsync(context.Options.Id(CommonOptions.Backend.Name)!.Value, cancellationToken);
        return Reply.Of(presenter.Detail(backend, await projects.FindAsync(backend.Project, cancellationToken)));
    }
}
