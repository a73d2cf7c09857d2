using System.Text.Json;

namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A fixed choice of an option, or an autocomplete suggestion.</summary>
public sealed record ApplicationCommandOptionChoice
{
    /// <summary>1–100 characters shown to the user.</summary>
    public string Name { get; init; } = "";

    /// <summary>Localized names.</summary>
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    /// <summary>The value: a string (≤ 100 characters), an integer or a double.</summary>
    public JsonElement Value { get; init; }

    /// <summary>A string choice.</summary>
    /// <param name="name">Shown to the user.</param>
    /// <param name="value">Sent back as the option value.</param>
    /// <returns>The choice.</returns>
    public static ApplicationCommandOptionChoice Of(string name, string value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.String) };

    /// <summary>An integer choice.</summary>
    /// <param name="name">Shown to the user.</param>
    /// <param name="value">Sent back as the option value.</param>
    /// <returns>The choice.</returns>
    public static ApplicationCommandOptionChoice Of(string name, long value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Int64) };

    /// <summary>A number choice.</summary>
    /// <param name="name">Shown to the user.</param>
    /// <param name="value">Sent back as the option value.</param>
    /// <returns>The choice.</returns>
    public static ApplicationCommandOptionChoice Of(string name, double value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Double) };
}
