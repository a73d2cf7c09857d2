using System.Collections.Concurrent;
using Dapper;
using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Tests.EndToEnd;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.Notifications;

/// <summary>Messages the bot owes channels, delivered by the real host to FakeDiscord: in order, once, and never to a channel that refuses the bot.</summary>
public sealed class NotificationSenderTests
{
    private const string Alerts = "1100000000000000810";
    private const string Other = "1100000000000000811";

    [Fact]
    public async Task Messages_for_a_channel_arrive_in_the_order_they_were_queued_without_pings()
    {
        await using var bot = await BotHarness.StartAsync();

        foreach (var n in new[] { "first", "second", "third" })
            await Outbox(bot).EnqueueAsync(Post(Alerts, n), CancellationToken.None);

        await WaitForAsync(bot, Alerts, 3);
        var sent = bot.Discord.ChannelMessages.Where(m => m.ChannelOrInteraction == Alerts).ToList();
        Assert.Equal(["first", "second", "third"], sent.Select(Title));
        Assert.All(sent, m => Assert.Equal("[]", m.Body["allowed_mentions"]?["parse"]?.ToJsonString()));
        await WaitForEmptyOutboxAsync(bot);
    }

    [Fact]
    public async Task A_Discord_outage_is_retried_and_the_message_posted_once()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Discord.FailNextChannelMessages(2);

        await Outbox(bot).EnqueueAsync(Post(Alerts, "after the outage"), CancellationToken.None);

        await WaitForAsync(bot, Alerts, 1, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(bot.Discord.ChannelMessages, m => Title(m) == "after the outage");
    }

    [Fact]
    public async Task A_message_still_owed_at_shutdown_is_posted_once_by_the_next_start()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Discord.FailNextChannelMessages(1);

        await Outbox(bot).EnqueueAsync(Post(Alerts, "survives a restart"), CancellationToken.None);
        await FakeDiscord.WaitUntilAsync(() => bot.Discord.Requests.Any(r => r.Path.EndsWith($"/channels/{Alerts}/messages", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the first try");
        await bot.RestartAsync();

        await WaitForAsync(bot, Alerts, 1, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(bot.Discord.ChannelMessages, m => Title(m) == "survives a restart");
    }

    [Fact]
    public async Task A_stored_message_that_cannot_be_read_is_dropped_without_blocking_the_ones_after_it()
    {
        await using var bot = await BotHarness.StartAsync();
        await using (var connection = await bot.Host.Services.GetRequiredService<BotDatabase>().OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO notification_outbox (channel_id, kind, message, created_at, attempts, next_attempt_at) VALUES (@Alerts, 'Alert', '{not json', '2026-01-01T00:00:00.0000000+00:00', 0, '2026-01-01T00:00:00.0000000+00:00')",
                new { Alerts });
        }

        await Outbox(bot).EnqueueAsync(Post(Alerts, "still delivered"), CancellationToken.None);

        await WaitForAsync(bot, Alerts, 1);
        Assert.Equal("still delivered", Title(Assert.Single(bot.Discord.ChannelMessages, m => m.ChannelOrInteraction == Alerts)));
        await WaitForEmptyOutboxAsync(bot);
    }

    [Theory]
    [InlineData(403, 50013)]
    [InlineData(403, 50001)]
    [InlineData(404, 10003)]
    public async Task A_channel_that_refuses_the_bot_is_reported_once_and_not_retried_while_other_channels_still_get_theirs(int status, int code)
    {
        var refused = new ConcurrentQueue<(string Channel, string Reason)>();
        await using var bot = await BotHarness.StartAsync(services: s => s.AddSingleton<IChannelUnusableHandler>(new RecordingHandler(refused)));
        bot.Discord.RefuseChannel(Alerts, status, code);

        await EnqueueTogetherAsync(bot, Post(Alerts, "one"), Post(Alerts, "two"), Post(Other, "elsewhere"));

        await WaitForAsync(bot, Other, 1);
        await FakeDiscord.WaitUntilAsync(() => !refused.IsEmpty, TimeSpan.FromSeconds(10), "the refusal to be reported");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (channel, reason) = Assert.Single(refused);
        Assert.Equal(Alerts, channel);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, StringComparison.Ordinal);
        Assert.Equal(0, await Outbox(bot).CountAsync(CancellationToken.None));
        Assert.Single(bot.Discord.Requests, r => r.Path.EndsWith($"/channels/{Alerts}/messages", StringComparison.Ordinal));
    }

    private static async Task EnqueueTogetherAsync(BotHarness bot, params ChannelPost[] posts)
    {
        await using (var tx = await bot.Host.Services.GetRequiredService<BotDatabase>().BeginAsync())
        {
            await Outbox(bot).EnqueueAsync(tx, posts, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        Outbox(bot).Wake();
    }

    private static NotificationOutbox Outbox(BotHarness bot) => bot.Host.Services.GetRequiredService<NotificationOutbox>();

    private static ChannelPost Post(string channel, string title) =>
        new(channel, NotificationKind.Alert, Reply.Of(new CardBuilder().WithTitle(title).WithDescription("@everyone look").Build()));

    private static string? Title(RecordedMessage message) => message.Body["embeds"]?[0]?["title"]?.GetValue<string>();

    private static Task WaitForAsync(BotHarness bot, string channel, int count, TimeSpan? timeout = null) =>
        FakeDiscord.WaitUntilAsync(() => bot.Discord.ChannelMessages.Count(m => m.ChannelOrInteraction == channel) >= count,
            timeout ?? TimeSpan.FromSeconds(10), $"{count} message(s) in channel {channel}");

    // The sender removes a row after Discord has answered, so the outbox empties shortly after the message shows up.
    private static async Task WaitForEmptyOutboxAsync(BotHarness bot)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (await Outbox(bot).CountAsync(CancellationToken.None) > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the outbox still holds messages 10 s after they were posted");
            await Task.Delay(50);
        }
    }

    private sealed class RecordingHandler(ConcurrentQueue<(string, string)> refused) : IChannelUnusableHandler
    {
        public Task ChannelUnusableAsync(string channelId, string reason, CancellationToken cancellationToken)
        {
            refused.Enqueue((channelId, reason));
            return Task.CompletedTask;
        }
    }
}
