using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudioMl.Bot.LabelStudio.Json;

/// <summary>
/// Reads a boolean from <c>true</c>/<c>false</c>, <c>"true"</c>/<c>"false"</c>, <c>0</c>/<c>1</c> or null (false).
/// Generated clients have been seen to put other strings here (docs/label-studio-behaviour.md, "Label Studio: ML backends"); those read as true when non-empty.
/// </summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n != 0 : reader.GetDouble() != 0,
        JsonTokenType.String => reader.GetString() is { } s && !string.IsNullOrWhiteSpace(s)
            && !s.Equals("false", StringComparison.OrdinalIgnoreCase) && s != "0",
        _ => throw new JsonException($"Expected a boolean, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
