namespace LabelStudioMl.Bot.Access;

/// <summary>Where the roles of a server are read from (Discord's REST API), for role names in the access settings.</summary>
public interface IGuildRoleSource
{
    /// <summary>Every role of the server, now; throws when they cannot be read.</summary>
    Task<IReadOnlyList<GuildRole>> RolesAsync(ulong guildId, CancellationToken cancellationToken);
}

/// <summary>A server role: its id and its name (names are not unique).</summary>
public sealed record GuildRole(ulong Id, string Name);
