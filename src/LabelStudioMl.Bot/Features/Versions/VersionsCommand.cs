using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Versions;

/// <summary><c>/ml versions backend</c>: the model versions the ML server knows, the current one marked.</summary>
internal sealed class VersionsCommand(LabelStudioClient labelStudio, BackendPresenter presenter) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "versions",
        "Show the model versions of one ML backend",
        AccessLevel.View,
        [CommonOptions.Backend]);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = context.Options.Id(CommonOptions.Backend.Name)!.Value;

        // Both reads health-check the backend in Label Studio, so they run side by side.
        var backend = labelStudio.GetBackendAsync(id, cancellationToken);
        var versions = labelStudio.GetVersionsAsync(id, cancellationToken);
        await Task.WhenAll(backend, versions);
        return presenter.Versions(await backend, await versions);
    }
}
