using System.Globalization;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Predict;

/// <summary>
/// A prediction (the ML server's <c>{result: [...], score, model_version}</c>) as a short card: score, model version,
/// number of result regions, the first labels and a JSON excerpt — never the whole payload.
/// </summary>
internal static class PredictionSummary
{
    public const int MaxLabels = 5;

    public const int ExcerptLength = 300;

    public static Card For(int backendId, int taskId, JsonNode? prediction)
    {
        var data = prediction as JsonObject;
        var regions = data?["result"] as JsonArray;
        var labels = Labels(regions).Distinct(StringComparer.Ordinal).ToList();
        var shown = labels.Take(MaxLabels).Select(SafeText.Escape).ToList();
        var labelText = shown.Count == 0 ? "none" : string.Join(", ", shown) + (labels.Count > MaxLabels ? $" +{labels.Count - MaxLabels} more" : "");
        var excerpt = SafeText.Excerpt(prediction?.ToJsonString() ?? "null", ExcerptLength).Replace('`', '\'');

        return new CardBuilder()
            .WithTitle($"🟣 Prediction · task {taskId} · backend #{backendId}")
            .WithSeverity(Severity.Prediction)
            .AddField("Score", Score(data?["score"]), inline: true)
            .AddField("Model version", SafeText.Escape(Text(data?["model_version"]) ?? "not given"), inline: true)
            .AddField("Regions", (regions?.Count ?? 0).ToString(CultureInfo.InvariantCulture), inline: true)
            .AddField("Labels", labelText)
            .AddField("Excerpt", $"```json\n{excerpt}\n```")
            .Build();
    }

    // Regions carry their labels as value.<type> arrays: rectanglelabels, labels, choices, taxonomy…
    private static IEnumerable<string> Labels(JsonArray? regions)
    {
        foreach (var region in regions?.OfType<JsonObject>() ?? [])
        {
            if (region["value"] is not JsonObject value)
                continue;
            foreach (var (name, node) in value)
            {
                if (node is not JsonArray items || !(name.EndsWith("labels", StringComparison.Ordinal) || name is "choices" or "taxonomy"))
                    continue;
                foreach (var item in items)
                {
                    if (Text(item) is { } label)
                        yield return label;
                    else if (item is JsonArray path && path.Count > 0 && Text(path[^1]) is { } leaf)
                        yield return leaf;
                }
            }
        }
    }

    private static string Score(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var score)
        ? score.ToString("0.###", CultureInfo.InvariantCulture)
        : "not given";

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
