using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.Watch;

/// <summary>How one poll's notices become channel messages.</summary>
public sealed class WatchPostsTests
{
    private const string Channel = "1100000000000000200";
    private const string OtherChannel = "1100000000000000201";
    private const string Role = "1100000000000000409";

    [Fact]
    public void A_channels_notices_share_messages_of_at_most_ten_embeds()
    {
        var notices = Enumerable.Range(1, 12).Select(b => Notice(3, b)).ToList();

        var posts = WatchPosts.For(notices, [Subscription(Channel, WatchTargetKind.Project, 3)]);

        Assert.Equal([10, 2], posts.Select(p => p.Reply.Cards.Count));
        Assert.All(posts, p => Assert.Equal(Channel, p.ChannelId));
    }

    [Fact]
    public void A_backend_watched_directly_and_through_its_project_is_reported_once_per_channel()
    {
        var posts = WatchPosts.For([Notice(3, 12)], [Subscription(Channel, WatchTargetKind.Project, 3), Subscription(Channel, WatchTargetKind.Backend, 12)]);

        Assert.Single(Assert.Single(posts).Reply.Cards);
    }

    [Fact]
    public void A_notice_goes_only_to_channels_watching_its_backend_or_project()
    {
        var posts = WatchPosts.For([Notice(3, 12)], [Subscription(Channel, WatchTargetKind.Backend, 13), Subscription(OtherChannel, WatchTargetKind.Backend, 12)]);

        Assert.Equal(OtherChannel, Assert.Single(posts).ChannelId);
    }

    [Fact]
    public void A_project_notice_reaches_backend_watches_in_that_project()
    {
        var posts = WatchPosts.For([Notice(3, null)], [Subscription(Channel, WatchTargetKind.Backend, 12)]);

        Assert.Single(posts);
    }

    [Fact]
    public void Only_a_subscription_with_a_mention_pings_and_only_its_role()
    {
        var posts = WatchPosts.For(
            [Notice(3, 12)],
            [Subscription(Channel, WatchTargetKind.Backend, 12, Role), Subscription(OtherChannel, WatchTargetKind.Backend, 12)]);

        var pinging = posts.Single(p => p.ChannelId == Channel).Reply;
        Assert.Equal($"<@&{Role}>", pinging.Content);
        Assert.Equal([Role], pinging.PingRoleIds);
        var quiet = posts.Single(p => p.ChannelId == OtherChannel).Reply;
        Assert.Null(quiet.Content);
        Assert.Empty(quiet.PingRoleIds);
    }

    private static WatchNotice Notice(int project, int? backend) =>
        new(project, backend, new CardBuilder().WithTitle($"backend {backend} of project {project}").Build());

    private static WatchSubscription Subscription(string channel, WatchTargetKind kind, int id, string? role = null) =>
        TestSubscriptions.Of(channel, kind, id, kind == WatchTargetKind.Project ? id : 3, role);
}
