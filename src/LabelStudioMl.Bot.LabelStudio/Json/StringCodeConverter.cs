using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudioMl.Bot.LabelStudio.Json;

/// <summary>Reads and writes a string-coded value without ever failing on a code it does not know.</summary>
internal abstract class StringCodeConverter<T> : JsonConverter<T>
{
    protected abstract T Create(string code);

    protected abstract string CodeOf(T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Create(reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString() ?? "",
            JsonTokenType.Null => "",
            _ => JsonDocument.ParseValue(ref reader).RootElement.GetRawText(),
        });

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(CodeOf(value));
}
