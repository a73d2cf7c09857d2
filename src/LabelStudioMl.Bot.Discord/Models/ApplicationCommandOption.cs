namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>An option of an application command (or a subcommand / group).</summary>
public sealed record ApplicationCommandOption
{
    /// <summary>The option type.</summary>
    public ApplicationCommandOptionType Type { get; init; }

    /// <summary>1–32 characters, lowercase.</summary>
    public string Name { get; init; } = "";

    /// <summary>Localized names.</summary>
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    /// <summary>1–100 characters.</summary>
    public string Description { get; init; } = "";

    /// <summary>Localized descriptions.</summary>
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    /// <summary>Whether the option is required (required options come first).</summary>
    public bool? Required { get; init; }

    /// <summary>Up to 25 fixed choices (not with autocomplete).</summary>
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }

    /// <summary>Nested options of a subcommand or group.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>Allowed channel types of a CHANNEL option.</summary>
    public IReadOnlyList<int>? ChannelTypes { get; init; }

    /// <summary>Minimum of an INTEGER or NUMBER option.</summary>
    public double? MinValue { get; init; }

    /// <summary>Maximum of an INTEGER or NUMBER option.</summary>
    public double? MaxValue { get; init; }

    /// <summary>Minimum length of a STRING option (0–6000).</summary>
    public int? MinLength { get; init; }

    /// <summary>Maximum length of a STRING option (1–6000).</summary>
    public int? MaxLength { get; init; }

    /// <summary>Whether values are suggested by autocomplete (not with choices).</summary>
    public bool? Autocomplete { get; init; }
}
