using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>The pieces of the session that hold Discord's limits.</summary>
[Collection("FakeDiscord")]
public sealed class GatewayInternalsTests
{
    [Fact]
    public async Task The_send_limiter_keeps_room_for_heartbeats()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new GatewaySendLimiter(limit: 10, window: TimeSpan.FromSeconds(60), time);
        limiter.SetHeartbeatInterval(TimeSpan.FromSeconds(30)); // 2 beats per window + 2 spare = 4 reserved

        for (var i = 0; i < 6; i++)
            await limiter.WaitAsync(heartbeat: false, CancellationToken.None);
        var seventh = limiter.WaitAsync(heartbeat: false, CancellationToken.None);
        for (var i = 0; i < 4; i++)
            await limiter.WaitAsync(heartbeat: true, CancellationToken.None);

        Assert.False(seventh.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(61));
        await seventh.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_deduplicator_drops_a_repeat_and_forgets_the_oldest_id_beyond_its_capacity()
    {
        var seen = new DispatchDeduplicator(capacity: 3);

        Assert.True(seen.FirstTime(1200000000000000001));
        Assert.False(seen.FirstTime(1200000000000000001));
        Assert.True(seen.FirstTime(1200000000000000002));
        Assert.True(seen.FirstTime(1200000000000000003));
        Assert.False(seen.FirstTime(1200000000000000002));
        Assert.True(seen.FirstTime(1200000000000000004)); // the fourth id pushes the first out
        Assert.True(seen.FirstTime(1200000000000000001));
        Assert.False(seen.FirstTime(1200000000000000003));
        Assert.False(seen.FirstTime(1200000000000000004));
    }

    [Fact]
    public void The_deduplicator_keeps_exactly_its_capacity_over_many_rounds()
    {
        const int capacity = 100;
        var seen = new DispatchDeduplicator(capacity);

        for (ulong id = 1; id <= 10 * capacity; id++)
            Assert.True(seen.FirstTime(id));

        for (ulong id = (9 * capacity) + 1; id <= 10 * capacity; id++)
            Assert.False(seen.FirstTime(id));
        Assert.True(seen.FirstTime(9 * capacity));
    }

    [Fact]
    public void The_session_state_drops_replayed_sequences_and_restarts_the_count_on_ready()
    {
        var session = new ResumableSession();

        Assert.True(session.Advance(1, ready: true));
        Assert.True(session.Advance(2, ready: false));
        Assert.False(session.Advance(2, ready: false));
        Assert.False(session.Advance(1, ready: false));
        Assert.Equal(2, session.Sequence);
        Assert.True(session.Advance(1, ready: true)); // a new session's READY counts from its own start
        Assert.Equal(1, session.Sequence);
    }

    [Fact]
    public void The_session_state_resumes_where_ready_said_and_forgets_all_but_who_the_bot_is()
    {
        var session = new ResumableSession();
        Assert.Null(session.ResumeUrl);

        session.Start(new GatewayReady { SessionId = "s1", ResumeGatewayUrl = " ", Application = new Application { Id = Snowflake.Parse("1200000000000000001") } }, "wss://gateway.test");
        session.Advance(7, ready: true);

        Assert.True(session.Exists);
        Assert.Equal("wss://gateway.test", session.ResumeUrl);
        Assert.Equal(new GatewayResume { Token = "t", SessionId = "s1", Seq = 7 }, session.ResumeWith("t"));

        session.Forget();

        Assert.False(session.Exists);
        Assert.Null(session.ResumeUrl);
        Assert.Null(session.Sequence);
        Assert.Equal(Snowflake.Parse("1200000000000000001"), session.ApplicationId);
    }

    [Fact]
    public void Backoff_doubles_from_the_base_to_the_cap_with_downward_jitter()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.Next()).ToList();

        for (var i = 0; i < delays.Count; i++)
        {
            var step = Math.Min(60, Math.Pow(2, i));
            Assert.InRange(delays[i].TotalSeconds, step * 0.8, step);
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalSeconds, 0.8, 1);
    }

    [Theory]
    [InlineData(4004, CloseAction.Fatal)]
    [InlineData(4010, CloseAction.Fatal)]
    [InlineData(4011, CloseAction.Fatal)]
    [InlineData(4012, CloseAction.Fatal)]
    [InlineData(4013, CloseAction.Fatal)]
    [InlineData(4014, CloseAction.Fatal)]
    [InlineData(4003, CloseAction.NewSession)]
    [InlineData(4007, CloseAction.NewSession)]
    [InlineData(4009, CloseAction.NewSession)]
    [InlineData(4000, CloseAction.Resume)]
    [InlineData(4008, CloseAction.Resume)]
    [InlineData(1001, CloseAction.Resume)]
    [InlineData(null, CloseAction.Resume)]
    internal void Close_codes_follow_the_table(int? code, CloseAction expected)
    {
        Assert.Equal(expected, GatewayCloseCodes.Classify(code));
    }

    [Fact]
    public async Task Payloads_over_4096_bytes_are_refused_before_sending()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var limiter = new GatewaySendLimiter(120, TimeSpan.FromSeconds(60), TimeProvider.System);
        using var connection = await GatewayConnection.OpenAsync(GatewayConnection.WithQuery(fake.GatewayUrl.ToString()), limiter, CancellationToken.None);
        await connection.ReceiveAsync(CancellationToken.None);

        await Assert.ThrowsAsync<GatewayPayloadTooLargeException>(() =>
            connection.SendAsync(new byte[4097], heartbeat: false, CancellationToken.None));

        await connection.SendAsync("""{"op":1,"d":null}"""u8.ToArray(), heartbeat: true, CancellationToken.None);
        await FakeDiscord.WaitUntilAsync(() => fake.Heartbeats.Count == 1, what: "the heartbeat after the refused payload");
        Assert.Empty(fake.ClientCloseCodes);
    }

    [Fact]
    public async Task A_spent_identify_budget_is_waited_out_instead_of_identifying()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { SessionStartRemaining = 0 });
        await using var bot = await DiscordHarness.StartAsync(fake);

        await bot.WaitUntilAsync(() => bot.Logs.All.Contains("identify budget", StringComparison.Ordinal), "the budget warning");

        Assert.Equal(GatewayState.WaitingToReconnect, bot.Session.State);
        Assert.Equal(0, fake.IdentifyCount);
        Assert.Empty(fake.ConnectionAttempts);
    }

    [Theory]
    [InlineData("wss://gateway.discord.gg", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway.discord.gg/", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway-us-east1-b.discord.gg/?v=9", "wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5000/resume", "ws://127.0.0.1:5000/resume?v=10&encoding=json")]
    public void Gateway_urls_get_the_v10_json_query(string url, string expected)
    {
        Assert.Equal(expected, GatewayConnection.WithQuery(url).ToString());
    }

    [Fact]
    public void The_validator_names_the_shard_keys()
    {
        var result = new DiscordSettingsValidator().Validate(null, new DiscordSettings { Token = "a.b.c", ShardId = 2, ShardCount = 2 });

        Assert.Contains(result.Failures!, f => f.Contains("Discord:ShardId", StringComparison.Ordinal));
    }
}
