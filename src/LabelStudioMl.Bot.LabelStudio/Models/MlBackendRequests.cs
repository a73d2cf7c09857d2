using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.LabelStudio.Models;

/// <summary>
/// The writable fields of an ML backend (docs/label-studio-behaviour.md, "Label Studio: ML backends") as sent in a create or update body. Null members are not sent; the
/// password never appears in <see cref="ToString"/>.
/// </summary>
public abstract record MlBackendBody
{
    /// <summary>The project the backend belongs to (always sent).</summary>
    public required int Project { get; init; }

    /// <summary>The ML server's URL, http or https (always sent).</summary>
    public required string Url { get; init; }

    /// <summary>Title.</summary>
    public string? Title { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the backend serves interactive pre-annotation.</summary>
    public bool? IsInteractive { get; init; }

    /// <summary>How Label Studio authenticates to the ML server.</summary>
    public MlBackendAuthMethod? AuthMethod { get; init; }

    /// <summary>Basic-auth user.</summary>
    public string? BasicAuthUser { get; init; }

    /// <summary>Basic-auth password (write-only; never logged).</summary>
    public string? BasicAuthPass { get; init; }

    /// <summary>Extra parameters for the ML server's <c>/setup</c>.</summary>
    public JsonNode? ExtraParams { get; init; }

    /// <summary>Timeout in seconds (sent as a float).</summary>
    public double? Timeout { get; init; }

    /// <summary>Model version (pin it with <see cref="AutoUpdate"/> false, or the next refresh overwrites it).</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Whether the model version follows <c>/setup</c>.</summary>
    public bool? AutoUpdate { get; init; }

    /// <summary>Redacted text for logs and audit: never contains the password.</summary>
    public sealed override string ToString() =>
        $"project={Project} url={UrlText.Redact(Url)} title={Title} interactive={IsInteractive} auth={AuthMethod} user={BasicAuthUser} "
        + $"password={(BasicAuthPass is null ? "unset" : BasicAuthPass.Length == 0 ? "kept" : "***")} version={ModelVersion} autoUpdate={AutoUpdate}";
}

/// <summary>
/// Body of <c>POST /api/ml/</c> (docs/label-studio-behaviour.md, "Label Studio: ML backends"). <see cref="MlBackendBody.BasicAuthPass"/> must be null or a non-empty
/// password: an empty one makes Label Studio answer 500 on create (docs/label-studio-behaviour.md, "Label Studio: ML backends").
/// </summary>
public sealed record MlBackendCreateRequest : MlBackendBody;

/// <summary>
/// Body of <c>PATCH /api/ml/{id}</c> as sent on the wire. Label Studio's PATCH is not partial (docs/label-studio-behaviour.md, "Label Studio: ML backends"): url and
/// project are always present, and <c>basic_auth_pass: ""</c> keeps the stored password. Build it from
/// <see cref="MlBackendChanges"/> with <see cref="LabelStudioClient.UpdateBackendAsync"/>.
/// </summary>
public sealed record MlBackendPatchRequest : MlBackendBody;

/// <summary>
/// What a caller wants to change on a backend; null means "leave as it is". <see cref="LabelStudioClient.UpdateBackendAsync"/>
/// reads the backend and turns this into a full <see cref="MlBackendPatchRequest"/>.
/// </summary>
public sealed record MlBackendChanges
{
    /// <summary>New URL.</summary>
    public string? Url { get; init; }

    /// <summary>New title.</summary>
    public string? Title { get; init; }

    /// <summary>New description.</summary>
    public string? Description { get; init; }

    /// <summary>New interactive flag.</summary>
    public bool? IsInteractive { get; init; }

    /// <summary>
    /// Switch basic auth on (true) or off (false); a new user or password switches it on. Off empties the user: Label
    /// Studio cannot clear a stored password, and it sends basic auth whenever a user and a password are stored.
    /// </summary>
    public bool? UseBasicAuth { get; init; }

    /// <summary>New basic-auth user.</summary>
    public string? BasicAuthUser { get; init; }

    /// <summary>New basic-auth password (never logged).</summary>
    public string? BasicAuthPass { get; init; }

    /// <summary>New extra parameters.</summary>
    public JsonNode? ExtraParams { get; init; }

    /// <summary>New timeout in seconds.</summary>
    public double? Timeout { get; init; }

    /// <summary>New model version.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>New auto-update flag.</summary>
    public bool? AutoUpdate { get; init; }

    /// <summary>Redacted text for logs: never contains the password.</summary>
    public override string ToString() =>
        $"url={(Url is null ? null : UrlText.Redact(Url))} title={Title} interactive={IsInteractive} basicAuth={UseBasicAuth} user={BasicAuthUser} password={(BasicAuthPass is null ? "unchanged" : "***")} version={ModelVersion} autoUpdate={AutoUpdate}";
}

/// <summary>Body of <c>POST /api/ml/{id}/train</c>. Label Studio ignores it (docs/label-studio-behaviour.md, "Label Studio: ML backends"); it is sent because every body is JSON.</summary>
public sealed record TrainRequest
{
    /// <summary>Documented flag, ignored by the server.</summary>
    public bool UseGroundTruth { get; init; }
}

/// <summary>Body of <c>POST /api/ml/{id}/interactive-annotating</c> (docs/label-studio-behaviour.md, "Label Studio: ML backends").</summary>
public sealed record InteractiveAnnotatingRequest
{
    /// <summary>A task of the backend's project.</summary>
    public required int Task { get; init; }

    /// <summary>Optional context forwarded to the ML server.</summary>
    public JsonNode? Context { get; init; }
}
