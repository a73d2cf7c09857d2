using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>One thing to announce about a backend (<see cref="BackendId"/> set) or a whole project, as a card.</summary>
internal sealed record WatchNotice(int ProjectId, int? BackendId, Card Card);

/// <summary>
/// Turns one poll's notices into channel posts: each notice goes to every channel with a subscription it concerns,
/// once per channel even when a backend and its project are both watched there; a channel's notices share one
/// message (a new one every ten cards). A message pings exactly the roles of the subscriptions it reports on.
/// </summary>
internal static class WatchPosts
{
    /// <summary>Cards per message (Discord shows at most ten embeds in one).</summary>
    public const int MaxCards = 10;

    public static IReadOnlyList<ChannelPost> For(IReadOnlyList<WatchNotice> notices, IReadOnlyList<WatchSubscription> subscriptions)
    {
        var posts = new List<ChannelPost>();
        foreach (var channel in subscriptions.GroupBy(s => s.ChannelId))
        {
            var routed = notices
                .Select(n => (Notice: n, Roles: channel.Where(s => s.Concerns(n.ProjectId, n.BackendId)).ToList()))
                .Where(x => x.Roles.Count > 0)
                .ToList();
            foreach (var chunk in routed.Chunk(MaxCards))
            {
                var roles = chunk.SelectMany(x => x.Roles).Select(s => s.MentionRoleId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                var reply = Reply.Of([.. chunk.Select(x => x.Notice.Card)]);
                posts.Add(new ChannelPost(channel.Key, NotificationKind.Alert, roles.Count == 0 ? reply : Mentioning(reply, roles)));
            }
        }

        return posts;
    }

    /// <summary>The reply with the roles mentioned in its content and allowed to ping, nobody else (no <c>parse</c>).</summary>
    public static Reply Mentioning(Reply reply, IReadOnlyList<string> roleIds) => reply with
    {
        Content = string.Join(' ', roleIds.Select(r => $"<@&{r}>")),
        PingRoleIds = roleIds,
    };
}
