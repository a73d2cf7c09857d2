using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>
/// What the ML server's <c>fit()</c> posts to <c>POST /training/report</c>:
/// <c>{"project": 1, "backend": 3, "status": "finished"|"failed", "model_version": "…", "metrics": {…}, "error": "…"}</c>.
/// Only <c>project</c> and <c>status</c> are required: <c>fit()</c> gets the project in the webhook's data, but not the
/// backend's id in Label Studio, which is needed only when several backends of one project train at once.
/// </summary>
internal sealed record MlTrainingReport(int Project, int? Backend, string Status, string? ModelVersion, IReadOnlyList<KeyValuePair<string, string>> Metrics, string? Error)
{
    /// <summary>The longest text kept of <c>model_version</c> and of <c>error</c>.</summary>
    private const int MaxText = 2000;

    /// <summary>The most metrics read; a report with more is refused rather than cut silently.</summary>
    private const int MaxMetrics = 50;

    /// <summary>Reads a report; on a malformed one, returns null and the problem, naming the field and what it must be.</summary>
    public static (MlTrainingReport? Report, string? Problem) Parse(string body)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException e)
        {
            return (null, $"The body is not JSON ({e.Message}). Send a JSON object such as {Example}.");
        }

        if (json is null)
            return (null, $"The body must be a JSON object such as {Example}.");
        if (Integer(json["project"]) is not { } project)
            return (null, "\"project\" must be the Label Studio project id, a positive integer (data[\"project\"][\"id\"] in fit()).");
        int? backend = null;
        if (json["backend"] is { } backendNode)
        {
            backend = Integer(backendNode);
            if (backend is null)
                return (null, "\"backend\" must be the ML backend's id in Label Studio, a positive integer, or left out.");
        }

        var status = Text(json["status"]);
        if (status is not (TrainingResult.Finished or TrainingResult.Failed))
            return (null, "\"status\" must be the string finished or failed.");
        if (!OptionalText(json, "model_version", out var version))
            return (null, "\"model_version\" must be a string (self.get(\"model_version\") in the SDK), or left out.");
        if (!OptionalText(json, "error", out var error))
            return (null, "\"error\" must be a string, or left out.");

        var metrics = new List<KeyValuePair<string, string>>();
        if (json["metrics"] is { } metricsNode)
        {
            if (metricsNode is not JsonObject values || values.Count > MaxMetrics)
                return (null, $"\"metrics\" must be a JSON object of at most {MaxMetrics} names and values, such as {{\"accuracy\": 0.93}}, or left out.");
            metrics.AddRange(values.Select(v => KeyValuePair.Create(v.Key, Shown(v.Value))));
        }

        return (new MlTrainingReport(project, backend, status, Cut(version), metrics, Cut(error)), null);
    }

    private const string Example = "{\"project\": 1, \"status\": \"finished\", \"model_version\": \"v2\"}";

    private static int? Integer(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) && number > 0 ? number : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>False when the field is there but not a string (JSON null counts as left out).</summary>
    private static bool OptionalText(JsonObject json, string name, out string? text)
    {
        var node = json[name];
        text = Text(node);
        return node is null || text is not null;
    }

    private static string Shown(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var number) => number.ToString("G6", CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };

    private static string? Cut(string? text) => text is { Length: > MaxText } ? text[..MaxText] : text;
}
