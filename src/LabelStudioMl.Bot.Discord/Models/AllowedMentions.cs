namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>Which mentions in a message may ping. Default here: none (<c>{"parse":[]}</c>).</summary>
public sealed record AllowedMentions
{
    /// <summary>Mention types to parse (<c>users</c>, <c>roles</c>, <c>everyone</c>); exclusive with the matching list.</summary>
    public IReadOnlyList<string> Parse { get; init; } = [];

    /// <summary>Users that may be pinged (≤ 100).</summary>
    public IReadOnlyList<Snowflake>? Users { get; init; }

    /// <summary>Roles that may be pinged (≤ 100).</summary>
    public IReadOnlyList<Snowflake>? Roles { get; init; }

    /// <summary>Whether the author of a replied-to message is pinged.</summary>
    public bool? RepliedUser { get; init; }

    /// <summary>No mention pings anyone.</summary>
    public static AllowedMentions None { get; } = new();

    /// <summary>Only the given users are pinged.</summary>
    /// <param name="users">The users.</param>
    /// <returns>The allowed mentions.</returns>
    public static AllowedMentions OnlyUsers(params Snowflake[] users) => new() { Users = users };
}
