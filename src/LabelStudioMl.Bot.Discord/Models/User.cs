namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A Discord user (also the bot's own user from <c>GET /users/@me</c> and READY).</summary>
public sealed record User
{
    /// <summary>The user's id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The unique user name.</summary>
    public string Username { get; init; } = "";

    /// <summary>Legacy discriminator (<c>"0"</c> for migrated users).</summary>
    public string? Discriminator { get; init; }

    /// <summary>Display name, when set.</summary>
    public string? GlobalName { get; init; }

    /// <summary>Avatar hash.</summary>
    public string? Avatar { get; init; }

    /// <summary>Whether the user is a bot.</summary>
    public bool? Bot { get; init; }
}
