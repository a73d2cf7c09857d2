using System.Data.Common;
using LabelStudioMl.Bot.Diagnostics;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Interactions;
using Refit;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// The part of <c>check</c> that asks whether every watch mention pings: per server, its roles (<c>mentionable</c>) and
/// the bot's permissions there, which are <c>@everyone</c>'s and those of the bot's own role (<c>tags.bot_id</c>);
/// ADMINISTRATOR or MENTION_EVERYONE lets the bot ping any role. Other roles given to the bot and channel overwrites are
/// not seen, so a warning can be wrong when such a role grants the permission; <c>/ml watch</c> knows the channel exactly.
/// </summary>
internal sealed class WatchMentionCheck(WatchStore store, IDiscordRestApi rest) : IDiscordCheckStep
{
    public async Task RunAsync(CheckReport report, CancellationToken cancellationToken)
    {
        IReadOnlyList<WatchSubscription> watches;
        try
        {
            watches = await store.StoredActiveSubscriptionsAsync(cancellationToken);
        }
        catch (DbException e)
        {
            report.Warn($"Watch mentions: the store could not be read ({e.Message})", "Check Storage:ConnectionString; the bot itself reports the store's problems at start.");
            return;
        }

        var mentioned = watches.Where(w => w is { MentionRoleId: not null, GuildId: not null }).ToList();
        Snowflake? bot = null;
        foreach (var guild in mentioned.GroupBy(w => w.GuildId!, StringComparer.Ordinal))
        {
            IReadOnlyList<Role> roles;
            try
            {
                bot ??= (await rest.GetCurrentUserAsync(cancellationToken)).Id;
                roles = await rest.GetGuildRolesAsync(Snowflake.Parse(guild.Key), cancellationToken);
            }
            catch (Exception e) when (e is ApiExceptionBase or HttpRequestException)
            {
                report.Warn($"Watch mentions in server {guild.Key}: its roles could not be read ({e.Message})",
                    "Make sure the bot is still a member of that server, then run check again.");
                continue;
            }

            var permissions = roles.Where(r => r.Id.ToString() == guild.Key || r.Tags?.BotId == bot)
                .Aggregate(DiscordPermissions.None, (all, r) => all | r.PermissionFlags);
            foreach (var watch in guild.DistinctBy(w => (w.ChannelId, w.MentionRoleId)))
                Report(report, watch, roles.FirstOrDefault(r => r.Id.ToString() == watch.MentionRoleId) is { } role ? new MentionRole(role.Id.ToString(), role.Name, role.Mentionable) : null, permissions);
        }
    }

    private static void Report(CheckReport report, WatchSubscription watch, MentionRole? role, DiscordPermissions bot)
    {
        var where = $"(channel {watch.ChannelId})";
        if (role is null)
            report.Warn($"Watch mention role {watch.MentionRoleId} {where} no longer exists in its server", "Run /ml watch again in that channel with another mention.");
        else if (MentionPing.IsSilent(role, bot.PingsAnyRole()))
            report.Warn($"Watch mention @{role.Name} {where} does not ping anyone: {MentionPing.Reason("in that server")}", MentionPing.Fix(role));
        else
            report.Ok($"Watch mention @{role.Name} {where} pings its members");
    }
}
