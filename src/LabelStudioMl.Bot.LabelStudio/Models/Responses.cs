using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.LabelStudio.Models;

/// <summary>Answer of <c>GET /api/ml/{id}/versions</c> (docs/label-studio-behaviour.md, "Label Studio: ML backends").</summary>
public sealed record MlBackendVersions
{
    /// <summary>Known model versions.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>Set when the ML server has no <c>/versions</c> route and Label Studio fell back to the stored version.</summary>
    public string? Message { get; init; }
}

/// <summary>Answer of <c>POST /api/ml/{id}/interactive-annotating</c>: always HTTP 200 with either data or errors (docs/label-studio-behaviour.md, "Label Studio: ML backends").</summary>
public sealed record InteractiveAnnotatingResponse
{
    /// <summary>The ML server's first result.</summary>
    public JsonNode? Data { get; init; }

    /// <summary>Why no prediction came back.</summary>
    public IReadOnlyList<string>? Errors { get; init; }
}

/// <summary>A Label Studio project (only the fields the bot uses are modelled).</summary>
public sealed record Project
{
    /// <summary>The project's id.</summary>
    public int Id { get; init; }

    /// <summary>The project's title.</summary>
    public string Title { get; init; } = "";

    /// <summary>The project's description.</summary>
    public string? Description { get; init; }

    /// <summary>The project's current model version.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>When the project was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Number of tasks, when Label Studio included it.</summary>
    public int? TaskNumber { get; init; }
}

/// <summary>One page of <c>GET /api/projects/</c>.</summary>
public sealed record ProjectsPage
{
    /// <summary>Total number of matching projects.</summary>
    public int Count { get; init; }

    /// <summary>URL of the next page, if any.</summary>
    public string? Next { get; init; }

    /// <summary>URL of the previous page, if any.</summary>
    public string? Previous { get; init; }

    /// <summary>The projects on this page.</summary>
    public IReadOnlyList<Project> Results { get; init; } = [];
}

/// <summary>Answer of <c>GET /api/current-user/whoami</c>.</summary>
public sealed record CurrentUser
{
    /// <summary>The user's id.</summary>
    public int Id { get; init; }

    /// <summary>The user's login name.</summary>
    public string? Username { get; init; }

    /// <summary>The user's e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>The active organization's id.</summary>
    public int? ActiveOrganization { get; init; }

    /// <summary>The active organization's title and e-mail.</summary>
    public OrganizationMeta? ActiveOrganizationMeta { get; init; }
}

/// <summary>Title and contact of an organization.</summary>
public sealed record OrganizationMeta
{
    /// <summary>The organization's title.</summary>
    public string? Title { get; init; }

    /// <summary>The organization's e-mail.</summary>
    public string? Email { get; init; }
}

/// <summary>Body of <c>POST /api/token/refresh/</c>.</summary>
public sealed record TokenRefreshRequest
{
    /// <summary>The personal access token (a refresh JWT).</summary>
    public required string Refresh { get; init; }

    /// <summary>Never shows the token.</summary>
    public override string ToString() => "TokenRefreshRequest { Refresh = *** }";
}

/// <summary>Answer of <c>POST /api/token/refresh/</c>.</summary>
public sealed record TokenRefreshResponse
{
    /// <summary>A short-lived access JWT, sent as <c>Bearer</c>.</summary>
    public string Access { get; init; } = "";

    /// <summary>Never shows the token.</summary>
    public override string ToString() => "TokenRefreshResponse { Access = *** }";
}
