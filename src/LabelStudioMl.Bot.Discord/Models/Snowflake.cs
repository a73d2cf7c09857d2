using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A Discord id: a 64-bit number that travels as a JSON string (a number is accepted when reading).</summary>
/// <param name="Value">The numeric id.</param>
[JsonConverter(typeof(SnowflakeJsonConverter))]
public readonly record struct Snowflake(ulong Value)
{
    private const long DiscordEpochMilliseconds = 1420070400000;

    /// <summary>The moment the id was created (encoded in its top 42 bits).</summary>
    public DateTimeOffset CreatedAt =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(Value >> 22) + DiscordEpochMilliseconds);

    /// <summary>Parses a decimal id.</summary>
    /// <param name="text">The decimal digits.</param>
    /// <param name="snowflake">The id, when the text is one.</param>
    /// <returns>Whether the text is a snowflake.</returns>
    public static bool TryParse(string? text, out Snowflake snowflake)
    {
        var ok = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        snowflake = new Snowflake(value);
        return ok;
    }

    /// <summary>Parses a decimal id or throws <see cref="FormatException"/>.</summary>
    /// <param name="text">The decimal digits.</param>
    /// <returns>The id.</returns>
    public static Snowflake Parse(string text) =>
        TryParse(text, out var s) ? s : throw new FormatException($"'{text}' is not a Discord snowflake.");

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Reads a snowflake from a JSON string or number and writes it as a string.</summary>
public sealed class SnowflakeJsonConverter : JsonConverter<Snowflake>
{
    /// <inheritdoc />
    public override Snowflake Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return new Snowflake(reader.GetUInt64());
        if (reader.TokenType == JsonTokenType.String && Snowflake.TryParse(reader.GetString(), out var s))
            return s;
        throw new JsonException("A Discord id must be a decimal string.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Snowflake value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
