using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>A server's roles from Discord's REST API (<c>GET /guilds/{id}/roles</c>).</summary>
internal sealed class DiscordGuildRoles(IDiscordRestApi rest) : IGuildRoleSource
{
    public async Task<IReadOnlyList<GuildRole>> RolesAsync(ulong guildId, CancellationToken cancellationToken) =>
        [.. (await rest.GetGuildRolesAsync(new Snowflake(guildId), cancellationToken)).Select(r => new GuildRole(r.Id.Value, r.Name))];
}
