using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Catalog;

/// <summary>
/// The project a reply names, for its title: from the <see cref="BackendCatalog"/>, or on a miss (a project created
/// since the last refresh, or the console, which runs no refresher) from Label Studio's project list, which then
/// fills the catalog's projects. The list health-checks nothing, and misses read it at most once per
/// <see cref="RereadAfter"/>, so a project the bot cannot see costs no request per reply.
/// </summary>
internal sealed class ProjectLookup(BackendCatalog catalog, LabelStudioClient labelStudio, TimeProvider time)
{
    /// <summary>How long after a miss read the project list further misses are answered without reading it again.</summary>
    public static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);

    private long _lastReadTicks = long.MinValue;

    /// <summary>The project, or null when Label Studio cannot say (replies then show "project 3").</summary>
    public async ValueTask<Project?> FindAsync(int id, CancellationToken cancellationToken)
    {
        if (catalog.FindProject(id) is { } cached)
            return cached;
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastReadTicks);
        if (last != long.MinValue && now - last < RereadAfter.Ticks)
            return null;
        Interlocked.Exchange(ref _lastReadTicks, now);
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
