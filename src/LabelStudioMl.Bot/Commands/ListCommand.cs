using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Commands;

/// <summary><c>/ml list [project]</c>: one line per backend with its state, of one project or of all, browsable by pages.</summary>
internal sealed class ListCommand(LabelStudioClient labelStudio, BackendCatalog catalog, BackendPresenter presenter, PageSessionStore pages) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "list",
        "List ML backends and their state, of one project or of all",
        AccessLevel.View,
        [CommonOptions.OptionalProject]);

    public async Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Options.Id("project") is { } projectId)
        {
            // The title comes from the catalog; a project created since its last refresh is looked up alongside the list.
            var lookup = catalog.FindProject(projectId) is { } cached ? Task.FromResult<Project?>(cached) : FindProjectAsync(projectId, cancellationToken);
            var list = labelStudio.ListBackendsAsync(projectId, cancellationToken);
            await Task.WhenAll(lookup, list);
            var backends = await list;
            var project = await lookup;
            var known = project is null ? new Dictionary<int, Project>() : new Dictionary<int, Project> { [projectId] = project };
            var title = $"ML backends · {BackendText.ProjectName(projectId, project)}";
            return pages.Start(presenter.ListPages(backends, known, title));
        }

        var projects = await labelStudio.GetProjectsAsync(title: null, cancellationToken);
        var all = await labelStudio.ListAllBackendsAsync(projects, cancellationToken);
        return pages.Start(presenter.ListPages(all, projects.ToDictionary(p => p.Id), "ML backends · all projects"));
    }

    private async Task<Project?> FindProjectAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            return (await labelStudio.GetProjectsAsync(title: null, cancellationToken)).FirstOrDefault(p => p.Id == id);
        }
        catch (LabelStudioException)
        {
            // Only the title is missing: the list still says "project 3".
            return null;
        }
    }
}
