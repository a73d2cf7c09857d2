using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudioMl.Bot.LabelStudio.Json;

namespace LabelStudioMl.Bot.LabelStudio.Models;

/// <summary>
/// An ML backend as Label Studio returns it (<c>MLBackendSerializer</c>, docs/label-studio-behaviour.md, "Label Studio: ML backends").
/// The password is write-only: only <see cref="BasicAuthPassIsSet"/> comes back. Unknown fields are ignored.
/// </summary>
public sealed record MlBackend
{
    /// <summary>The backend's id.</summary>
    public int Id { get; init; }

    /// <summary>The state Label Studio computed while answering (health check + setup on every read).</summary>
    public MlBackendState State { get; init; }

    /// <summary>The state's display name, e.g. <c>Connected</c>.</summary>
    public string? ReadableState { get; init; }

    /// <summary>Whether the backend serves interactive pre-annotation.</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool IsInteractive { get; init; }

    /// <summary>The ML server's base URL, stored as given.</summary>
    public string Url { get; init; } = "";

    /// <summary>Set when the state became ER; cleared when CO; left as it was when DI.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The backend's title (<c>default</c> unless set).</summary>
    public string? Title { get; init; }

    /// <summary>How Label Studio authenticates to the ML server.</summary>
    public MlBackendAuthMethod AuthMethod { get; init; } = MlBackendAuthMethod.None;

    /// <summary>Basic-auth user name, when basic auth is used.</summary>
    public string? BasicAuthUser { get; init; }

    /// <summary>Whether a basic-auth password is stored (the password itself is never returned).</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool BasicAuthPassIsSet { get; init; }

    /// <summary>
    /// Whether Label Studio sends basic auth to the ML server. It does whenever a user and a password are stored,
    /// whatever <see cref="AuthMethod"/> says (<c>label_studio/ml/api_connector.py</c>, <c>BaseHTTPAPI._prepare_kwargs</c>).
    /// </summary>
    [JsonIgnore]
    public bool SendsBasicAuth => !string.IsNullOrEmpty(BasicAuthUser) && BasicAuthPassIsSet;

    /// <summary>Free-text description.</summary>
    public string? Description { get; init; }

    /// <summary>Extra parameters forwarded to the ML server's <c>/setup</c>.</summary>
    public JsonNode? ExtraParams { get; init; }

    /// <summary>The model version; follows <c>/setup</c> when <see cref="AutoUpdate"/> is on.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Stored timeout in seconds (Label Studio itself uses its environment timeouts).</summary>
    public double? Timeout { get; init; }

    /// <summary>When the backend was added.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the backend was last saved (every read saves it).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether the model version follows the ML server's <c>/setup</c> answer.</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool AutoUpdate { get; init; }

    /// <summary>The project the backend belongs to.</summary>
    public int Project { get; init; }
}
