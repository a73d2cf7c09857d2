using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>What Label Studio's <c>MLApi</c> makes of one call: a status and JSON, or a requests-style error text.</summary>
/// <param name="StatusCode">HTTP status; null when no response came back.</param>
/// <param name="Json">Parsed body of a 2xx answer.</param>
/// <param name="Error">requests' <c>str(exception)</c> when the call failed.</param>
internal sealed record MlCallResult(int? StatusCode, JsonNode? Json, string? Error)
{
    public bool IsError => Error is not null;
}
