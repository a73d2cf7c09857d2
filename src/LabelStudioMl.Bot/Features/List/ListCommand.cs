using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.List;

/// <summary><c>/ml list [project]</c>: one line per backend with its state, of one project or of all, browsable by pages.</summary>
internal sealed class ListCommand(LabelStudioClient labelStudio, ProjectLookup projectLookup, BackendPresenter presenter, PageSessionStore pages) : ISlashCommand
{
    /// <summary>The subcommand's name, which the metrics of its page buttons keep.</summary>
    public const string Name = "list";

    public CommandDeclaration Declaration { get; } = new(
        Name,
        "List ML backends and their state, of one project or of all",
        AccessLevel.View,
        [CommonOptions.OptionalProject]);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Options.Id(CommonOptions.Project.Name) is { } projectId)
        {
            // A title missing from the catalog is looked up alongside the list.
            var lookup = projectLookup.FindAsync(projectId, cancellationToken).AsTask();
            var list = labelStudio.ListBackendsAsync(projectId, cancellationToken);
            await Task.WhenAll(lookup, list);
            var backends = await list;
            var project = await lookup;
            var known = project is null ? new Dictionary<int, Project>() : new Dictionary<int, Project> { [projectId] = project };
            var title = $"ML backends · {SafeText.Escape(BackendText.ProjectName(projectId, project))}";
            return await pages.StartAsync(presenter.ListPages(backends, known, title), context.Caller.Place, cancellationToken);
        }

        var projects = await labelStudio.GetProjectsAsync(title: null, cancellationToken);
        var all = await labelStudio.ListAllBackendsAsync(projects, cancellationToken);
        return await pages.StartAsync(presenter.ListPages(all, projects.ToDictionary(p => p.Id), "ML backends · all projects"), context.Caller.Place, cancellationToken);
    }
}
