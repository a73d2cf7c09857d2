namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A guild member as carried by an interaction (with <c>permissions</c>).</summary>
public sealed record GuildMember
{
    /// <summary>The user (absent on members inside <c>resolved</c>).</summary>
    public User? User { get; init; }

    /// <summary>The member's nickname.</summary>
    public string? Nick { get; init; }

    /// <summary>Role ids (no names: resolve them with <c>GET /guilds/{id}/roles</c>).</summary>
    public IReadOnlyList<Snowflake> Roles { get; init; } = [];

    /// <summary>Total permissions in the channel as a decimal bitset string (interactions only).</summary>
    public string? Permissions { get; init; }

    /// <summary>When the member joined.</summary>
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>The permissions parsed as flags (0 when absent).</summary>
    public DiscordPermissions PermissionFlags => DiscordPermissionText.Parse(Permissions) ?? DiscordPermissions.None;
}
