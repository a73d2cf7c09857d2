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
}
