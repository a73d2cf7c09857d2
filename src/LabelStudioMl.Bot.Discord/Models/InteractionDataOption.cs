using System.Text.Json;

namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>
/// One option of an invoked command. <see cref="Value"/> is polymorphic (string, integer, double, boolean or a
/// snowflake string) and absent on subcommands, which carry <see cref="Options"/> instead.
/// </summary>
public sealed record InteractionDataOption
{
    /// <summary>The option name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The option type.</summary>
    public ApplicationCommandOptionType Type { get; init; }

    /// <summary>The raw value, as sent.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>Nested options of a subcommand or group.</summary>
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    /// <summary>True on the option being typed in an autocomplete request.</summary>
    public bool? Focused { get; init; }

    /// <summary>The value as text: strings as they are, numbers and booleans in invariant form.</summary>
    public string? AsString() => Value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        var v => v.Value.GetRawText(),
    };

    /// <summary>The value as an integer, when it is one (INTEGER options; autocomplete may send text).</summary>
    public long? AsInt64() => Value switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var l) => l,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    /// <summary>The value as a double, when it is a number (NUMBER options).</summary>
    public double? AsDouble() => Value switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.String } v when double.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>The value as a boolean, when it is one (BOOLEAN options).</summary>
    public bool? AsBoolean() => Value switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    /// <summary>The value as an id (USER, CHANNEL, ROLE, MENTIONABLE, ATTACHMENT options).</summary>
    public Snowflake? AsSnowflake() => Snowflake.TryParse(AsString(), out var s) ? s : null;
}
