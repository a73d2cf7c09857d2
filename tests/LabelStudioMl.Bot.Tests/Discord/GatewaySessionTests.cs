using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>The gateway session through a real WebSocket against FakeDiscord.</summary>
[Collection("FakeDiscord")]
public sealed class GatewaySessionTests
{
    private static JsonObject Train(string model) =>
        FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("train", FakeInteractions.Option("model", model), FakeInteractions.Option("epochs", 10)));

    /// <summary>Handlers run concurrently, so order is not asserted: each id exactly once, nothing else.</summary>
    private static void AssertHandledOnceEach(IEnumerable<string> expected, RecordingDispatchHandler handler) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), handler.InteractionIds.Order(StringComparer.Ordinal));

    [Fact]
    public async Task Identifies_with_intents_0_and_becomes_ready()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);

        await bot.WaitUntilReadyAsync();

        var identify = Assert.Single(fake.GatewayPayloads, p => p["op"]!.GetValue<int>() == 2)["d"]!;
        Assert.Equal(0, identify["intents"]!.GetValue<int>());
        Assert.Equal(fake.BotToken, identify["token"]!.GetValue<string>());
        Assert.NotNull(identify["properties"]!["os"]);
        Assert.Equal("LabelStudioMl.Bot.Discord", identify["properties"]!["browser"]!.GetValue<string>());
        Assert.Null(identify["shard"]);
        Assert.Equal("?v=10&encoding=json", fake.ConnectionAttempts[0].Query);
        Assert.Equal("/gateway", fake.ConnectionAttempts[0].Path);
        Assert.Equal(Snowflake.Parse(fake.ApplicationId), bot.Session.ApplicationId);
        Assert.Equal("mlops-bot", bot.Session.BotUser?.Username);
        Assert.NotNull(bot.Session.LastEventAt);
        Assert.Contains(bot.Handler.Dispatches, d => d.Name == "READY");
        var status = (IGatewayStatus)bot.Host.Services.GetService(typeof(IGatewayStatus))!;
        Assert.Equal(GatewayState.Ready, status.State);
        Assert.Null(status.StopReason);
    }

    [Fact]
    public async Task Assembles_messages_split_across_frames()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { MaxFrameBytes = 7 });
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();

        var id = await fake.PushInteractionAsync(Train("split"));

        await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Contains(id), "the fragmented interaction");
        Assert.Equal("split", bot.Handler.Dispatches.Single(d => d.IsInteraction).AsInteraction()!.Data!.Options![0].Options![0].AsString());
    }

    [Fact]
    public async Task Identifies_with_the_configured_shard()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, new Dictionary<string, string?> { ["Discord:ShardId"] = "0", ["Discord:ShardCount"] = "2" });

        await bot.WaitUntilReadyAsync();

        var shard = fake.GatewayPayloads.Single(p => p["op"]!.GetValue<int>() == 2)["d"]!["shard"]!.AsArray();
        Assert.Equal([0, 2], shard.Select(n => n!.GetValue<int>()));
    }

    [Fact]
    public async Task Heartbeats_carry_the_last_sequence_and_report_the_round_trip()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();

        var seq = await fake.DispatchAsync("TYPING_START", new JsonObject());

        await bot.WaitUntilAsync(() => fake.Heartbeats.Any(h => h?.GetValue<long>() == seq), $"a heartbeat carrying {seq}");
        await bot.WaitUntilAsync(() => bot.Session.HeartbeatRoundTrip is not null, "a heartbeat round trip");
        Assert.DoesNotContain(fake.Heartbeats, h => h is JsonValue v && v.GetValue<long>() > seq);
    }

    [Fact]
    public async Task Answers_a_heartbeat_request_from_the_server_at_once()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { HeartbeatInterval = TimeSpan.FromMinutes(5) });
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var before = fake.Heartbeats.Count;

        await fake.RequestHeartbeatAsync();

        await bot.WaitUntilAsync(() => fake.Heartbeats.Count > before, "the requested heartbeat");
    }

    [Fact]
    public async Task Resumes_after_op7_without_losing_or_repeating_dispatches()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { ReplayOverlap = 3 });
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var ids = new List<string> { await fake.PushInteractionAsync(Train("a")), await fake.PushInteractionAsync(Train("b")) };
        await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Count == 2, "the first two interactions");

        await fake.SendReconnectAsync();
        ids.Add(await fake.PushInteractionAsync(Train("c")));
        await bot.WaitUntilAsync(() => fake.ResumeCount == 1 && bot.Session.State == GatewayState.Ready && fake.HasLiveConnection, "the resume");
        ids.Add(await fake.PushInteractionAsync(Train("d")));

        await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Count >= 4, "all four interactions");
        AssertHandledOnceEach(ids, bot.Handler);
        Assert.Equal(1, fake.IdentifyCount);
        Assert.Equal("/resume", fake.ConnectionAttempts[^1].Path);
        Assert.Equal("?v=10&encoding=json", fake.ConnectionAttempts[^1].Query);
        Assert.Contains(4000, fake.ClientCloseCodes.OfType<int>());
        Assert.DoesNotContain(1000, fake.ClientCloseCodes.OfType<int>());
        Assert.Contains(bot.Handler.Dispatches, d => d.Name == "RESUMED");
    }

    [Theory]
    [InlineData(AfterResume.Reconnect)]
    [InlineData(AfterResume.MalformedFrame)]
    [InlineData(AfterResume.DropAfter100Ms)]
    public async Task A_gateway_that_breaks_every_resume_is_answered_with_growing_waits_not_a_reconnect_storm(AfterResume fault)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        fake.AfterEveryResume = fault;

        await fake.SendReconnectAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        var storm = fake.ConnectionAttempts.Count;
        fake.AfterEveryResume = AfterResume.Nothing;
        await bot.WaitUntilAsync(() => bot.Session.State == GatewayState.Ready && fake.HasLiveConnection, "the bot to settle once the gateway behaves");

        // Backoff from 100 ms doubling to the 1 s cap: about a dozen connections in 4 s, where an immediate reconnect
        // after every successful resume makes hundreds.
        Assert.InRange(storm, 4, 20);
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Fact]
    public async Task Resumes_after_op7_sent_before_hello()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.SendReconnectBeforeNextHello();
        await using var bot = await DiscordHarness.StartAsync(fake);

        await bot.WaitUntilReadyAsync();
        await fake.PushInteractionAsync(Train("a"));
        await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Count == 1, "the interaction");
    }

    [Fact]
    public async Task Resumes_after_a_dropped_tcp_connection_and_receives_what_was_sent_meanwhile()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { ReplayOverlap = 2 });
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var first = await fake.PushInteractionAsync(Train("a"));
        await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Count == 1, "the first interaction");

        fake.DropConnection();
        var second = await fake.PushInteractionAsync(Train("b"));

        await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Count >= 2 && fake.ResumeCount >= 1, "the resume and the second interaction");
        AssertHandledOnceEach([first, second], bot.Handler);
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Fact]
    public async Task Resumes_after_a_missed_heartbeat_ack_closing_with_a_non_1000_code()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var first = await fake.PushInteractionAsync(Train("a"));

        fake.AcknowledgeHeartbeats = false;
        await bot.WaitUntilAsync(() => fake.ClientCloseCodes.Count > 0, "the client to give up on the zombie connection");
        fake.AcknowledgeHeartbeats = true;
        var second = await fake.PushInteractionAsync(Train("b"));

        await bot.WaitUntilAsync(() => fake.ResumeCount >= 1 && bot.Handler.InteractionIds.Count >= 2, "the resume");
        AssertHandledOnceEach([first, second], bot.Handler);
        Assert.Equal(1, fake.IdentifyCount);
        Assert.DoesNotContain(fake.ClientCloseCodes, c => c is 1000 or 1001);
        Assert.True(bot.Logs.Contains(LogLevel.Warning, "zombie"), bot.Logs.All);
    }

    [Fact]
    public async Task Resumes_after_op9_true()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();

        await fake.SendInvalidSessionAsync(resumable: true);

        await bot.WaitUntilAsync(() => fake.ResumeCount == 1 && fake.HasLiveConnection, "the resume");
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Fact]
    public async Task Starts_a_new_session_after_op9_false()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var firstSession = fake.SessionId;

        await fake.SendInvalidSessionAsync(resumable: false);

        await bot.WaitUntilAsync(() => fake.IdentifyCount == 2 && fake.HasLiveConnection && bot.Session.State == GatewayState.Ready, "a new session");
        Assert.NotEqual(firstSession, fake.SessionId);
        Assert.Equal(0, fake.ResumeCount);
        Assert.Equal("/gateway", fake.ConnectionAttempts[^1].Path);
        var id = await fake.PushInteractionAsync(Train("a"));
        await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Contains(id), "an interaction in the new session");
    }

    [Fact]
    public async Task A_new_session_waits_for_the_identify_concurrency_slot()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, new Dictionary<string, string?> { ["Discord:IdentifyWindow"] = "00:00:01.500" });
        await bot.WaitUntilReadyAsync();

        await fake.SendInvalidSessionAsync(resumable: false);

        await bot.WaitUntilAsync(() => fake.IdentifyCount == 2, "the second identify");
        var times = fake.IdentifiedAt;
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(1.4), $"identified again after {(times[1] - times[0]).TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    [InlineData(4003)]
    public async Task Starts_a_new_session_after_close(int code)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();

        await fake.CloseConnectionAsync(code);

        await bot.WaitUntilAsync(() => fake.IdentifyCount == 2 && fake.HasLiveConnection, "a new session");
        Assert.Equal(0, fake.ResumeCount);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(4005)]
    [InlineData(4008)]
    [InlineData(1001)]
    public async Task Resumes_after_close(int code)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();

        await fake.CloseConnectionAsync(code);

        await bot.WaitUntilAsync(() => fake.ResumeCount == 1 && fake.HasLiveConnection, "the resume");
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Theory]
    [InlineData(4004, "Discord__Token")]
    [InlineData(4014, "Privileged Gateway Intents")]
    [InlineData(4013, "Discord:Intents")]
    public async Task Stops_for_good_after_a_fatal_close_with_a_clear_log_line(int code, string fix)
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.CloseNextIdentifyWith(code);
        await using var bot = await DiscordHarness.StartAsync(fake, new Dictionary<string, string?> { ["Discord:StopApplicationOnFatalError"] = "false" });

        await bot.WaitUntilAsync(() => bot.Session.State == GatewayState.Stopped, "the session to stop");
        // Give a wrongly reconnecting client several backoff steps to show itself.
        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.Single(fake.ConnectionAttempts);
        Assert.Contains(fix, bot.Session.StopReason, StringComparison.Ordinal);
        Assert.True(bot.Logs.Contains(LogLevel.Critical, code.ToString(System.Globalization.CultureInfo.InvariantCulture)), bot.Logs.All);
        Assert.DoesNotContain(fake.BotToken, bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_token_closes_with_4004_and_stops_the_host()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var stopped = new TaskCompletionSource();
        bot.Host.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime)).As<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()
            .ApplicationStopping.Register(() => stopped.TrySetResult());
        fake.CloseNextIdentifyWith(4004);

        await fake.CloseConnectionAsync(4007);

        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(GatewayState.Stopped, bot.Session.State);
    }

    [Fact]
    public async Task Backs_off_between_failed_connects()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RefuseNextConnections(3);
        await using var bot = await DiscordHarness.StartAsync(fake, new Dictionary<string, string?> { ["Discord:ReconnectBaseDelay"] = "00:00:00.200" });

        await bot.WaitUntilReadyAsync();

        var attempts = fake.ConnectionAttempts;
        Assert.Equal(4, attempts.Count);
        for (var i = 1; i < attempts.Count; i++)
        {
            var minimum = TimeSpan.FromMilliseconds(200 * Math.Pow(2, i - 1) * 0.7);
            Assert.True(attempts[i].At - attempts[i - 1].At >= minimum, $"attempt {i} came {(attempts[i].At - attempts[i - 1].At).TotalMilliseconds} ms after the previous one; expected at least {minimum.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task Heartbeats_keep_their_schedule_while_a_handler_blocks()
    {
        // 1 s leaves a loaded machine room to ACK each beat before the next is due (a late ACK reads as a zombie: at 500 ms
        // a CI run under full load once closed with 4000).
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { HeartbeatInterval = TimeSpan.FromSeconds(1) });
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        bot.Handler.BlockOnInteraction = "1100000000000077777";
        try
        {
            var slow = Train("slow");
            slow["id"] = "1100000000000077777";
            await fake.PushInteractionAsync(slow);
            await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Count == 1, "the blocking handler to start");
            var beats = fake.Heartbeats.Count;

            var other = await fake.PushInteractionAsync(Train("fast"));

            await bot.WaitUntilAsync(() => fake.Heartbeats.Count >= beats + 4, "four more heartbeats while the handler blocks");
            await bot.WaitUntilAsync(() => bot.Handler.InteractionIds.Contains(other), "another interaction handled meanwhile");
            Assert.Empty(fake.ClientCloseCodes);
            Assert.Equal(0, fake.ResumeCount);
        }
        finally
        {
            bot.Handler.Release.Set();
        }
    }

    [Fact]
    public async Task Shutdown_closes_with_1000()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var session = bot.Session;

        await bot.DisposeAsync();

        await FakeDiscord.WaitUntilAsync(() => fake.ClientCloseCodes.Contains(1000), what: "a 1000 close");
        Assert.Equal(GatewayState.Stopped, session.State);
    }

    [Fact]
    public async Task Shutdown_is_bounded_when_the_peer_never_answers_the_close()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var session = bot.Session;
        fake.AnswerCloseFrames = false;

        // DisposeAsync gives StopAsync 10 s; the close itself is bounded by Discord:CloseTimeout (1 s here), then aborted.
        await bot.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(GatewayState.Stopped, session.State);
        await FakeDiscord.WaitUntilAsync(() => fake.ClientCloseCodes.Contains(1000), what: "the 1000 close frame");
    }

    [Fact]
    public async Task A_slash_command_round_trip_defers_then_edits_the_original()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        bot.Handler.OnInteraction = async (dispatch, ct) =>
        {
            var interaction = dispatch.AsInteraction()!;
            await bot.Rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), ct);
            var model = interaction.Data!.Options![0].Options!.Single(o => o.Name == "model").AsString();
            await bot.Rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, new MessageContent { Content = $"training {model}" }, ct);
        };
        await bot.WaitUntilReadyAsync();

        var id = await fake.PushInteractionAsync(Train("sentiment-v2"));

        await bot.WaitUntilAsync(() => fake.OriginalEdits.Count == 1, "the edit of @original");
        var callback = Assert.Single(fake.InteractionCallbacks);
        Assert.Equal(id, callback.InteractionId);
        Assert.Equal(5, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Equal("training sentiment-v2", fake.OriginalEdits[0].Content);
        Assert.Equal(new JsonArray().ToJsonString(), fake.OriginalEdits[0].Body["allowed_mentions"]!["parse"]!.ToJsonString());
    }
}

internal static class ObjectCasts
{
    public static T As<T>(this object? value) => (T)value!;
}
