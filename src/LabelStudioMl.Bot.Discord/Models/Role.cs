namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A guild role (<c>GET /guilds/{id}/roles</c>).</summary>
public sealed record Role
{
    /// <summary>The role id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The role name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Permission bitset as a decimal string.</summary>
    public string? Permissions { get; init; }

    /// <summary>Sort position.</summary>
    public int Position { get; init; }

    /// <summary>Whether the role is managed by an integration.</summary>
    public bool Managed { get; init; }

    /// <summary>Whether anyone may @mention the role; false unless set (guild.mdx, "Create Guild Role").</summary>
    public bool Mentionable { get; init; }

    /// <summary>What the role belongs to: a bot's own role has <see cref="RoleTags.BotId"/>.</summary>
    public RoleTags? Tags { get; init; }

    /// <summary><see cref="Permissions"/> as flags (none when absent).</summary>
    public DiscordPermissions PermissionFlags => DiscordPermissionText.Parse(Permissions) ?? DiscordPermissions.None;
}

/// <summary>The tags of a role (permissions.mdx, "Role Tags Structure").</summary>
public sealed record RoleTags
{
    /// <summary>The bot this role belongs to: Discord's managed role holding the permissions the bot was invited with.</summary>
    public Snowflake? BotId { get; init; }
}
