using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Catalog;

/// <summary>
/// The project a reply names, for its title: from the <see cref="BackendCatalog"/>, or on a miss (a project created
/// since the last refresh, or the console, which runs no refresher) from Label Studio's project list, which then
/// fills the catalog's projects. The list is one cheap request: unlike backend reads, it health-checks nothing.
/// </summary>
internal sealed class ProjectLookup(BackendCatalog catalog, LabelStudioClient labelStudio)
{
    /// <summary>The project, or null when Label Studio cannot say (replies then show "project 3").</summary>
    public async ValueTask<Project?> FindAsync(int id, CancellationToken cancellationToken)
    {
        if (catalog.FindProject(id) is { } cached)
            return cached;
        try
        {
            var projects = await labelStudio.GetProjectsAsync(title: null, cancellationToken);
            catalog.ReplaceProjects(projects);
            return projects.FirstOrDefault(p => p.Id == id);
        }
        catch (LabelStudioException)
        {
            // Only the title is missing; the command's own answer stands.
            return null;
        }
    }
}
