namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>An application command as registered (bulk overwrite body) and as returned by Discord.</summary>
public sealed record ApplicationCommand
{
    /// <summary>The id Discord assigned (absent when registering).</summary>
    public Snowflake? Id { get; init; }

    /// <summary>The command type (default CHAT_INPUT).</summary>
    public ApplicationCommandType? Type { get; init; }

    /// <summary>The owning application (returned by Discord).</summary>
    public Snowflake? ApplicationId { get; init; }

    /// <summary>The guild of a guild command (returned by Discord).</summary>
    public Snowflake? GuildId { get; init; }

    /// <summary>1–32 characters, lowercase for slash commands.</summary>
    public string Name { get; init; } = "";

    /// <summary>Localized names.</summary>
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    /// <summary>1–100 characters for slash commands; empty for user and message commands.</summary>
    public string? Description { get; init; }

    /// <summary>Localized descriptions.</summary>
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    /// <summary>Up to 25 options, required ones first.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>Permission bitset as a decimal string; <c>"0"</c> = administrators only; null = everyone.</summary>
    public string? DefaultMemberPermissions { get; init; }

    /// <summary>Interaction contexts (0 guild, 1 bot DM, 2 private channel).</summary>
    public IReadOnlyList<int>? Contexts { get; init; }

    /// <summary>Installation contexts (0 guild install, 1 user install).</summary>
    public IReadOnlyList<int>? IntegrationTypes { get; init; }

    /// <summary>Whether the command is age-restricted.</summary>
    public bool? Nsfw { get; init; }

    /// <summary>Auto-incrementing version (returned by Discord).</summary>
    public Snowflake? Version { get; init; }
}
