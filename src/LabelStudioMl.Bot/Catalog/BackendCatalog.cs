using System.Globalization;
using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Catalog;

/// <summary>
/// What autocomplete offers: the projects and backends seen at the last refresh. Autocomplete must answer within
/// Discord's 3 seconds and cannot be deferred, so it never calls Label Studio; <see cref="BackendCatalogRefresher"/>
/// keeps this up to date in the background.
/// </summary>
public sealed class BackendCatalog
{
    /// <summary>Suggestions offered at most (Discord shows 25).</summary>
    public const int MaxChoices = 25;

    private volatile Snapshot _snapshot = new([], []);

    /// <summary>When the catalog was last filled, or null before the first refresh.</summary>
    public DateTimeOffset? RefreshedAt => _snapshot.At;

    /// <summary>The project's title, when known.</summary>
    public Project? FindProject(int id) => _snapshot.Projects.FirstOrDefault(p => p.Id == id);

    /// <summary>The backend as last seen, when known.</summary>
    public MlBackend? FindBackend(int id) => _snapshot.Backends.FirstOrDefault(b => b.Id == id);

    /// <summary>Replaces the contents (called by the refresher).</summary>
    public void Replace(IReadOnlyList<Project> projects, IReadOnlyList<MlBackend> backends, DateTimeOffset at) =>
        _snapshot = new Snapshot(projects, backends) { At = at };

    /// <summary>Replaces the projects and keeps the backends (a project list read outside a refresh).</summary>
    public void ReplaceProjects(IReadOnlyList<Project> projects)
    {
        var current = _snapshot;
        _snapshot = current with { Projects = projects };
    }

    /// <summary>Backends whose id starts with, or whose title or project title contains, what the user typed.</summary>
    public IReadOnlyList<Suggestion> SuggestBackends(string? typed)
    {
        var snapshot = _snapshot;
        var text = typed?.Trim().TrimStart('#') ?? "";
        return snapshot.Backends
            .Select(b => (Backend: b, Project: snapshot.Projects.FirstOrDefault(p => p.Id == b.Project)))
            .Where(x => text.Length == 0
                        || x.Backend.Id.ToString(CultureInfo.InvariantCulture).StartsWith(text, StringComparison.Ordinal)
                        || Contains(x.Backend.Title, text)
                        || Contains(x.Project?.Title, text))
            .OrderBy(x => x.Backend.Id)
            .Take(MaxChoices)
            .Select(x => new Suggestion(
                $"#{x.Backend.Id} {x.Backend.Title ?? "untitled"} · {x.Project?.Title ?? $"project {x.Backend.Project}"} ({x.Backend.State})",
                x.Backend.Id))
            .ToList();
    }

    /// <summary>Projects whose id starts with, or whose title contains, what the user typed.</summary>
    public IReadOnlyList<Suggestion> SuggestProjects(string? typed)
    {
        var text = typed?.Trim().TrimStart('#') ?? "";
        return _snapshot.Projects
            .Where(p => text.Length == 0 || p.Id.ToString(CultureInfo.InvariantCulture).StartsWith(text, StringComparison.Ordinal) || Contains(p.Title, text))
            .OrderBy(p => p.Id)
            .Take(MaxChoices)
            .Select(p => new Suggestion($"#{p.Id} {p.Title}", p.Id))
            .ToList();
    }

    private static bool Contains(string? haystack, string needle) =>
        haystack?.Contains(needle, StringComparison.OrdinalIgnoreCase) == true;

    private sealed record Snapshot(IReadOnlyList<Project> Projects, IReadOnlyList<MlBackend> Backends)
    {
        public DateTimeOffset? At { get; init; }
    }
}
