using System.Globalization;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>Links into the Label Studio web app.</summary>
internal sealed class ProjectLink
{
    private readonly string? _base;

    /// <summary>Links below <paramref name="labelStudioUrl"/>; no links when it is not an absolute http(s) URL.</summary>
    public ProjectLink(string? labelStudioUrl)
    {
        var trimmed = labelStudioUrl?.Trim().TrimEnd('/');
        _base = Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? trimmed
            : null;
    }

    /// <summary>The project's page, <c>{base}/projects/{id}</c>; null when the base URL is unusable.</summary>
    public string? Project(int projectId) =>
        _base is null ? null : string.Create(CultureInfo.InvariantCulture, $"{_base}/projects/{projectId}");
}
