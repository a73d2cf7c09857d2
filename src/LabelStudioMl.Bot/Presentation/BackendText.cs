using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>The short texts that name a backend and its project, shared by every backend reply.</summary>
internal static class BackendText
{
    /// <summary>Characters of an error message kept on a list line.</summary>
    public const int LineErrorExcerpt = 60;

    /// <summary>The backend's title, or <c>untitled</c> when it has nothing visible.</summary>
    public static string Name(MlBackend backend) => SafeText.Visible(backend.Title) ?? "untitled";

    /// <summary>The project's title when known and visible, else <c>project 3</c>.</summary>
    public static string ProjectName(int projectId, Project? project) => SafeText.Visible(project?.Title) ?? $"project {projectId}";

    /// <summary>A project named with its id: <c>Cars · project 3</c>, or just <c>project 3</c> when the title is unknown.</summary>
    public static string ProjectLabel(int projectId, Project? project) =>
        project is null ? $"project {projectId}" : $"{ProjectName(projectId, project)} · project {projectId}";

    /// <summary>The project of a backend looked up in <paramref name="projects"/>.</summary>
    public static Project? ProjectOf(MlBackend backend, IReadOnlyDictionary<int, Project> projects) =>
        projects.TryGetValue(backend.Project, out var project) ? project : null;

    /// <summary>
    /// The heading of titles: <c>#12 yolo-v8 · Cars</c>, with the names' markdown escaped, since embed titles render
    /// bold, italics, strike-through and code spans (only headings, lists and links are not).
    /// </summary>
    public static string Heading(MlBackend backend, Project? project) =>
        $"#{backend.Id} {SafeText.Escape(Name(backend))} · {SafeText.Escape(ProjectName(backend.Project, project))}";

    /// <summary>
    /// The model version as Label Studio stores it (<c>0.0.1</c> stays <c>0.0.1</c>, so it reads as what
    /// <c>/ml versions</c> lists and <c>update model_version:</c> takes); null when none is set.
    /// </summary>
    public static string? Version(string? modelVersion) => SafeText.Visible(modelVersion);

    /// <summary>
    /// One list line: <c>🟢 **#12** yolo-v8 · Cars · 0.0.1</c>; an errored backend adds a short excerpt of its error.
    /// The project part is left out when <paramref name="withProject"/> is false (lines grouped under a project).
    /// </summary>
    public static string Line(MlBackend backend, Project? project, bool withProject = true)
    {
        var parts = new List<string> { $"{StateStyle.For(backend.State).Emoji} **#{backend.Id}** {SafeText.Escape(Name(backend))}" };
        if (withProject)
            parts.Add(SafeText.Escape(ProjectName(backend.Project, project)));
        if (Version(backend.ModelVersion) is { } version)
            parts.Add(SafeText.Escape(version));
        var line = string.Join(" · ", parts);
        if (backend.State == MlBackendState.Error && ErrorText(backend) is { } error)
            line += " — " + SafeText.Escape(SafeText.Excerpt(error, LineErrorExcerpt));
        return line;
    }

    /// <summary>The backend's error message with credentials removed from any URL in it; null when there is none.</summary>
    public static string? ErrorText(MlBackend backend) =>
        SafeText.Visible(backend.ErrorMessage) is { } error ? SafeText.RedactUrls(error) : null;

    /// <summary>The ML server URL without credentials, as an unlinked code span.</summary>
    public static string Url(MlBackend backend) => Url(backend.Url);

    /// <summary>A URL without credentials, as an unlinked code span.</summary>
    public static string Url(string? url) =>
        string.IsNullOrWhiteSpace(url) ? "not set" : $"`{UrlText.Redact(url.Trim()).Replace('`', '\'')}`";

    /// <summary>
    /// How Label Studio really authenticates to the ML server (never a password): <c>basic as `user`</c> whenever a
    /// user and a password are stored, whatever <c>auth_method</c> says (<see cref="MlBackend.SendsBasicAuth"/>), else none.
    /// </summary>
    public static string Auth(MlBackend backend)
    {
        if (backend.SendsBasicAuth)
            return $"basic as `{backend.BasicAuthUser!.Trim().Replace('`', '\'')}`";
        return backend.AuthMethod.IsBasicAuth ? "none: basic auth is chosen, but Label Studio has no user and password to send" : "none";
    }
}
