using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.LabelStudio.Errors;

/// <summary>
/// Every JSON error shape Label Studio answers with, read leniently: the envelope (<c>detail</c>,
/// <c>validation_errors</c>), the versions pass-through (<c>error</c>) and interactive annotating's <c>errors</c>.
/// </summary>
internal sealed record LabelStudioErrorBody
{
    public string? Id { get; init; }

    public int? StatusCode { get; init; }

    public string? Version { get; init; }

    public JsonNode? Detail { get; init; }

    public JsonNode? ValidationErrors { get; init; }

    public JsonNode? Error { get; init; }

    public JsonNode? Errors { get; init; }

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray array => string.Join(" ", array.Select(Text).Where(t => !string.IsNullOrEmpty(t))),
        JsonObject obj => string.Join(" ", obj.Select(p => $"{p.Key}: {Text(p.Value)}")),
        _ => node.ToJsonString(),
    };
}
