using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Models;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>Turns ML backends into replies that read well on a phone: short titles, one line per backend, few fields.</summary>
internal sealed class BackendPresenter
{
    /// <summary>Characters of an error message shown on the detail card.</summary>
    public const int DetailErrorLength = 1000;

    /// <summary>Characters of a backend's own description shown on the detail card.</summary>
    public const int DetailDescriptionLength = 300;

    /// <summary>What an empty list says.</summary>
    public const string NoBackendsText = "No ML backends here yet. Add one with `/ml add url:<ML server URL> project:<id>`.";

    private const string WatchedMark = "👀";
    private readonly ProjectLink _links;

    /// <summary>Creates the presenter for the configured Label Studio.</summary>
    public BackendPresenter(IOptions<LabelStudioSettings> options)
        : this(options?.Value.Url)
    {
    }

    /// <summary>Creates the presenter for Label Studio at <paramref name="labelStudioUrl"/>.</summary>
    internal BackendPresenter(string? labelStudioUrl) => _links = new ProjectLink(labelStudioUrl);

    /// <summary>
    /// One backend: <c>🔴 #12 yolo-v8 · Cars</c> linking to the project, coloured by state, its error message up
    /// front, and six fields (state, model version, updated, interactive, auth, URL).
    /// </summary>
    public Card Detail(MlBackend backend, Project? project)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var style = StateStyle.For(backend.State);
        var description = new List<string>();
        if (BackendText.ErrorText(backend) is { } error)
        {
            var heading = backend.State == MlBackendState.Error ? "**Error**" : "**Last error**";
            var quoted = SafeText.Cut(error, DetailErrorLength).Split('\n').Select(l => "> " + SafeText.Escape(l.TrimEnd()));
            description.Add($"{heading}\n{string.Join("\n", quoted)}");
        }

        if (!string.IsNullOrWhiteSpace(backend.Description))
            description.Add(SafeText.Escape(SafeText.Cut(backend.Description, DetailDescriptionLength)));

        return new CardBuilder()
            .WithTitle($"{style.Emoji} {BackendText.Heading(backend, project)}")
            .WithUrl(_links.Project(backend.Project))
            .WithSeverity(style.Severity)
            .WithDescription(description.Count == 0 ? null : string.Join("\n\n", description))
            .AddField("State", style.Label, inline: true)
            .AddField("Model version", SafeText.Escape(BackendText.Version(backend.ModelVersion) ?? "none"), inline: true)
            .AddField("Updated", backend.UpdatedAt is { } updated ? DiscordTimestamp.Relative(updated) : "unknown", inline: true)
            .AddField("Interactive", backend.IsInteractive ? "yes" : "no", inline: true)
            .AddField("Auth", BackendText.Auth(backend), inline: true)
            .AddField("URL", BackendText.Url(backend))
            .Build();
    }

    /// <summary>
    /// A list with a summary line and one line per backend (<c>🟢 **#12** yolo-v8 · Cars · v0.0.1</c>). A list longer
    /// than one page gives its first page; use <see cref="ListPages"/> with <see cref="Components.PageSessionStore.StartAsync"/> to
    /// let the reader browse. An empty list says how to add a backend.
    /// </summary>
    public Reply List(IReadOnlyList<MlBackend> backends, IReadOnlyDictionary<int, Project> projects, string title) =>
        ListPages(backends, projects, title)[0];

    /// <summary>The list of <see cref="List"/> as pages that each fit a message (footer <c>Page 2/9</c>).</summary>
    public IReadOnlyList<Reply> ListPages(
        IReadOnlyList<MlBackend> backends, IReadOnlyDictionary<int, Project> projects, string title, int linesPerPage = Pagination.DefaultLinesPerPage)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(projects);
        if (backends.Count == 0)
            return [Reply.Of(new CardBuilder().WithTitle(title).WithDescription(NoBackendsText).WithSeverity(Severity.Neutral).Build())];

        var lines = backends.Select(b => BackendText.Line(b, BackendText.ProjectOf(b, projects))).ToList();
        var projectIds = backends.Select(b => b.Project).Distinct().ToList();
        var url = projectIds.Count == 1 ? _links.Project(projectIds[0]) : null;
        return Pagination.Paginate(title, lines, linesPerPage, StateSummary.Of(backends), Overall(backends), url);
    }

    /// <summary>
    /// The model versions the backend knows, the current one marked; Label Studio's message (its fallback when the ML
    /// server has no <c>/versions</c> route) is shown with what it means.
    /// </summary>
    public Reply Versions(MlBackend backend, MlBackendVersions versions)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(versions);
        var style = StateStyle.For(backend.State);
        var current = backend.ModelVersion?.Trim();
        var lines = versions.Versions
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => string.Equals(v.Trim(), current, StringComparison.Ordinal) ? $"✅ **{SafeText.Escape(v.Trim())}** (current)" : $"• {SafeText.Escape(v.Trim())}")
            .ToList();

        var builder = new CardBuilder()
            .WithTitle($"{style.Emoji} #{backend.Id} {BackendText.Name(backend)} · model versions")
            .WithUrl(_links.Project(backend.Project))
            .WithSeverity(style.Severity)
            .WithDescription(lines.Count == 0 ? "Label Studio reported no model versions." : JoinWithin(lines, CardLimits.Description - 200))
            .AddField("Current", string.IsNullOrWhiteSpace(current) ? "none set" : SafeText.Escape(current), inline: true);

        if (!string.IsNullOrWhiteSpace(versions.Message))
            builder.AddField("Label Studio says", VersionsMessage(versions.Message));
        return Reply.Of(builder.Build());
    }

    /// <summary>
    /// One board of all backends grouped by project: projects with problems first, and within a project errors, then
    /// disconnected, then the rest. When it is too long, healthy backends are counted instead of listed.
    /// </summary>
    /// <param name="backends">Every known backend.</param>
    /// <param name="projects">Their projects, for titles.</param>
    /// <param name="watched">Backends some channel watches: marked 👀 on the board.</param>
    public Reply StatusBoard(IReadOnlyList<MlBackend> backends, IReadOnlyDictionary<int, Project> projects, IReadOnlySet<int>? watched = null)
    {
        watched ??= new HashSet<int>();
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(projects);
        const string title = "ML backend status";
        if (backends.Count == 0)
            return Reply.Of(new CardBuilder().WithTitle(title).WithDescription(NoBackendsText).WithSeverity(Severity.Neutral).Build());

        var groups = backends
            .GroupBy(b => b.Project)
            .Select(g => (Id: g.Key, Project: projects.GetValueOrDefault(g.Key), Backends: g.OrderBy(Rank).ThenBy(b => b.Id).ToList()))
            .OrderBy(g => g.Backends.Min(Rank))
            .ThenBy(g => BackendText.ProjectName(g.Id, g.Project), StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Id)
            .ToList();

        var budget = CardLimits.Description - 300;
        var full = Board(groups, watched, countHealthy: false);
        var text = full.Length <= budget ? full : JoinWithin(Board(groups, watched, countHealthy: true).Split('\n'), budget);
        var legend = backends.Any(b => watched.Contains(b.Id)) ? $" · {WatchedMark} watched in a channel" : "";
        return Reply.Of(new CardBuilder()
            .WithTitle(title)
            .WithUrl(groups.Count == 1 ? _links.Project(groups[0].Id) : null)
            .WithSeverity(Overall(backends))
            .WithDescription($"{StateSummary.Of(backends)} in {NumberText.Count(groups.Count, "project")}{legend}\n\n{text}")
            .Build());
    }

    private static string Board(IEnumerable<(int Id, Project? Project, List<MlBackend> Backends)> groups, IReadOnlySet<int> watched, bool countHealthy) =>
        string.Join("\n\n", groups.Select(g =>
        {
            var lines = new List<string> { $"**{SafeText.Escape(BackendText.ProjectName(g.Id, g.Project))}** · project {g.Id}" };
            var shown = countHealthy ? g.Backends.Where(b => b.State != MlBackendState.Connected).ToList() : g.Backends;
            lines.AddRange(shown.Select(b => BackendText.Line(b, g.Project, withProject: false) + (watched.Contains(b.Id) ? $" {WatchedMark}" : "")));
            var healthy = g.Backends.Count - shown.Count;
            if (healthy > 0)
                lines.Add($"{StateStyle.Connected.Emoji} {healthy} connected");
            return string.Join("\n", lines);
        }));

    private static int Rank(MlBackend backend) => backend.State.Code switch
    {
        "ER" => 0,
        "DI" => 1,
        "CO" => 3,
        _ => 2,
    };

    private static Severity Overall(IReadOnlyCollection<MlBackend> backends) =>
        backends.Any(b => b.State == MlBackendState.Error) ? StateStyle.Error.Severity
        : backends.Any(b => b.State == MlBackendState.Disconnected) ? StateStyle.Disconnected.Severity
        : backends.All(b => b.State == MlBackendState.Connected) ? StateStyle.Connected.Severity
        : Severity.Neutral;

    private static string VersionsMessage(string message)
    {
        var text = HtmlLinks.ToMarkdown(message.Trim());
        return message.Contains("Upgrade your ML backend version", StringComparison.OrdinalIgnoreCase)
            ? $"{text}\nThe ML server has no `/versions` route, so Label Studio only knows the version it stored."
            : text;
    }

    private static string JoinWithin(IReadOnlyList<string> lines, int budget)
    {
        var kept = new List<string>();
        var used = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var rest = lines.Count - i;
            var more = $"… and {rest} more";
            if (used + lines[i].Length + 1 + (rest > 1 ? more.Length + 1 : 0) > budget)
            {
                kept.Add(more);
                break;
            }

            kept.Add(lines[i]);
            used += lines[i].Length + 1;
        }

        return string.Join("\n", kept);
    }
}
