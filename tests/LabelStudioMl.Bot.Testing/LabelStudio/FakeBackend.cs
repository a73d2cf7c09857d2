using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>An ML backend row as stored by the fake. Properties are mutable so tests can tweak them.</summary>
public sealed class FakeBackend
{
    internal FakeBackend(int id, int projectId, string url, DateTimeOffset createdAt)
    {
        Id = id;
        ProjectId = projectId;
        Url = url;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    /// <summary>Primary key.</summary>
    public int Id { get; }

    /// <summary>The project it belongs to.</summary>
    public int ProjectId { get; set; }

    /// <summary>ML server URL, stored as given.</summary>
    public string Url { get; set; }

    /// <summary><c>CO</c>, <c>DI</c>, <c>ER</c>, <c>TR</c> or <c>PR</c>.</summary>
    public string State { get; set; } = "DI";

    /// <summary>Last error; cleared on CO, kept on DI.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>
    /// Reads leave it as it is instead of health-checking its ML server (Label Studio's <c>update_state</c>), so scale
    /// tests can hold thousands of backends in a fixed state without one live ML server each.
    /// </summary>
    public bool Frozen { get; set; }

    /// <summary>Title (default <c>"default"</c>).</summary>
    public string? Title { get; set; } = "default";

    /// <summary><c>NONE</c> or <c>BASIC_AUTH</c>; stored and returned, but not what decides whether basic auth is sent.</summary>
    public string AuthMethod { get; set; } = "NONE";

    /// <summary>Basic auth user name.</summary>
    public string? BasicAuthUser { get; set; } = "";

    /// <summary>Basic auth password: stored, never returned by the API.</summary>
    public string? BasicAuthPass { get; set; } = "";

    /// <summary>Used for interactive pre-annotation.</summary>
    public bool IsInteractive { get; set; }

    /// <summary>Model version; overwritten by <c>/setup</c> when <see cref="AutoUpdate"/>.</summary>
    public string? ModelVersion { get; set; } = "";

    /// <summary>Follow the model version reported by <c>/setup</c>.</summary>
    public bool AutoUpdate { get; set; } = true;

    /// <summary>Forwarded to <c>/setup</c>.</summary>
    public JsonNode? ExtraParams { get; set; }

    /// <summary>Stored timeout (unused by Label Studio).</summary>
    public double Timeout { get; set; } = 100.0;

    /// <summary>Description.</summary>
    public string? Description { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last save time.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary><c>get_state_display()</c> of <see cref="State"/>.</summary>
    public string ReadableState => State switch
    {
        "CO" => "Connected",
        "DI" => "Disconnected",
        "ER" => "Error",
        "TR" => "Training",
        "PR" => "Predicting",
        _ => State,
    };

    /// <summary>
    /// Whether Label Studio sends basic auth to the ML server: whenever a user and a password are stored, whatever
    /// <see cref="AuthMethod"/> says (<c>label_studio/ml/api_connector.py</c>, <c>BaseHTTPAPI._prepare_kwargs</c>).
    /// </summary>
    internal bool UsesBasicAuth => !string.IsNullOrEmpty(BasicAuthUser) && !string.IsNullOrEmpty(BasicAuthPass);
}
