namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>The <c>data</c> of an interaction: command fields, component fields or modal fields.</summary>
public sealed record InteractionData
{
    /// <summary>The command id.</summary>
    public Snowflake? Id { get; init; }

    /// <summary>The command name.</summary>
    public string? Name { get; init; }

    /// <summary>The command type (1 CHAT_INPUT, 2 USER, 3 MESSAGE).</summary>
    public ApplicationCommandType? Type { get; init; }

    /// <summary>Users, members, roles, channels and attachments referenced by options, keyed by id.</summary>
    public ResolvedData? Resolved { get; init; }

    /// <summary>Options (subcommands nest further options).</summary>
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    /// <summary>The guild a guild command is registered in.</summary>
    public Snowflake? GuildId { get; init; }

    /// <summary>The target of a user or message command.</summary>
    public Snowflake? TargetId { get; init; }

    /// <summary>The component's or modal's custom id.</summary>
    public string? CustomId { get; init; }

    /// <summary>The component type.</summary>
    public int? ComponentType { get; init; }

    /// <summary>Selected values of a select menu.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}
