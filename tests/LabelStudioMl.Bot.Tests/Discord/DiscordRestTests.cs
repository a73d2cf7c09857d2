using System.Diagnostics;
using System.Net;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.Logging;
using Refit;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>The Refit client and its rate-limit handler against FakeDiscord.</summary>
[Collection("FakeDiscord")]
public sealed class DiscordRestTests
{
    private static Task<DiscordHarness> RestOnly(FakeDiscord fake, Dictionary<string, string?>? overrides = null) =>
        DiscordHarness.StartAsync(fake, overrides, gateway: false);

    [Fact]
    public async Task Sends_the_bot_token_and_a_DiscordBot_user_agent_to_the_configured_base_url()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake);

        var me = await bot.Rest.GetCurrentUserAsync();

        Assert.Equal("mlops-bot", me.Username);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("/users/@me", request.Path);
        Assert.Equal("Bot " + fake.BotToken, request.Header("Authorization"));
        Assert.Matches(@"^DiscordBot \(https://\S+, \d+\.\d+\.\d+\)$", request.Header("User-Agent"));
    }

    [Fact]
    public async Task Gateway_bot_parses_the_session_start_limit()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake);

        var gateway = await bot.Rest.GetGatewayBotAsync();

        Assert.Equal(fake.GatewayUrl.ToString(), gateway.Url);
        Assert.Equal(1000, gateway.SessionStartLimit!.Total);
        Assert.Equal(1, gateway.SessionStartLimit.MaxConcurrency);
    }

    [Fact]
    public async Task A_429_waits_its_float_retry_after_and_then_succeeds()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake);
        fake.InjectRateLimit("/users/@me", retryAfterSeconds: 0.6);
        var clock = Stopwatch.StartNew();

        var me = await bot.Rest.GetCurrentUserAsync();

        Assert.Equal("mlops-bot", me.Username);
        Assert.Equal([429, 200], fake.Requests.Select(r => r.Status));
        Assert.True(fake.Requests[1].ReceivedAt - fake.Requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(550), "the retry came before retry_after");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550));
        Assert.True(bot.Logs.Contains(LogLevel.Warning, "rate limit"), bot.Logs.All);
    }

    [Fact]
    public async Task A_global_429_pauses_other_routes_too()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake);
        fake.InjectRateLimit("/users/@me", retryAfterSeconds: 0.8, scope: "global");

        var user = bot.Rest.GetCurrentUserAsync();
        // The fake records the 429 before the client has read it: wait until the client took it in.
        await bot.WaitUntilAsync(() => bot.Logs.Contains(LogLevel.Warning, "scope global"), "the client to read the global 429");
        var application = await bot.Rest.GetCurrentApplicationAsync();
        await user;

        var first429 = fake.Requests[0];
        var app = fake.Requests.Single(r => r.Path == "/applications/@me");
        Assert.Equal(429, first429.Status);
        Assert.True(app.ReceivedAt - first429.ReceivedAt >= TimeSpan.FromMilliseconds(700), "another route was sent during the global pause");
        Assert.Equal(fake.ApplicationId, application.Id.ToString());
    }

    [Fact]
    public async Task Interaction_callbacks_are_not_held_by_a_global_pause()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var id = Snowflake.Parse(await fake.PushInteractionAsync(FakeInteractions.SlashCommand("ml")));
        fake.InjectRateLimit("/users/@me", retryAfterSeconds: 3, scope: "global");

        var user = bot.Rest.GetCurrentUserAsync();
        await FakeDiscord.WaitUntilAsync(() => fake.Requests.Any(r => r.Status == 429), what: "the global 429");
        await bot.Rest.CreateInteractionResponseAsync(id, $"fake-interaction-token-{id}", InteractionResponse.Defer(ephemeral: false));
        await user;

        var callback = fake.Requests.Single(r => r.Path.StartsWith("/interactions/", StringComparison.Ordinal));
        var retried = fake.Requests.Last(r => r.Path == "/users/@me");
        Assert.Equal(204, callback.Status);
        Assert.True(callback.ReceivedAt < retried.ReceivedAt, "the callback waited for the global pause");
    }

    [Theory]
    [InlineData("global")]
    [InlineData("user")]
    public async Task A_429_on_an_interaction_route_waits_its_retry_after_before_the_one_retry(string scope)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var id = Snowflake.Parse(await fake.PushInteractionAsync(FakeInteractions.SlashCommand("ml")));
        fake.InjectRateLimit("/callback", retryAfterSeconds: 0.5, scope: scope);

        await bot.Rest.CreateInteractionResponseAsync(id, $"fake-interaction-token-{id}", InteractionResponse.Defer(ephemeral: false));

        // Every 429 counts toward the invalid-request limit: a retry inside retry_after is one more, and fails anyway.
        var callbacks = fake.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 204], callbacks.Select(r => r.Status));
        Assert.True(callbacks[1].ReceivedAt - callbacks[0].ReceivedAt >= TimeSpan.FromMilliseconds(450), "the retry came before retry_after");
    }

    [Fact]
    public async Task Never_sends_a_request_into_an_exhausted_bucket()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { RouteLimit = 2, RouteWindow = TimeSpan.FromMilliseconds(700) });
        await using var bot = await RestOnly(fake);
        var guild = Snowflake.Parse(fake.Options.GuildId);

        var roles = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => bot.Rest.GetGuildRolesAsync(guild)));

        Assert.All(roles, r => Assert.Equal(3, r.Count));
        Assert.Equal(0, fake.RouteLimitViolations);
        Assert.All(fake.Requests, r => Assert.Equal(200, r.Status));
        Assert.Equal(6, fake.Requests.Count);
    }

    [Fact]
    public async Task Honours_the_global_request_rate()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { GlobalLimitPerSecond = 10 });
        await using var bot = await RestOnly(fake, new() { ["Discord:GlobalRequestsPerSecond"] = "5" });
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => bot.Rest.GetGuildRolesAsync(new Snowflake(1100000000000000900UL + (ulong)i))));

        // 12 requests at 5 per second: the last batch cannot start before 2 s have passed.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.8), $"12 requests took only {clock.Elapsed}");
        Assert.Equal(0, fake.GlobalLimitViolations);
    }

    [Fact]
    public async Task Warns_long_before_the_invalid_request_ban()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake, new() { ["Discord:InvalidRequestWarningThreshold"] = "3" });
        for (var i = 0; i < 3; i++)
            fake.InjectRateLimit("/users/@me", retryAfterSeconds: 0.01);

        await bot.Rest.GetCurrentUserAsync();

        Assert.True(bot.Logs.Contains(LogLevel.Warning, "Cloudflare bans this IP"), bot.Logs.All);
    }

    [Fact]
    public async Task Stops_sending_with_a_token_Discord_rejected()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake, new() { ["Discord:Token"] = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gwrong.wrong-token-value_0123456789" });

        for (var i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<ApiException>(() => bot.Rest.GetCurrentUserAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }

        Assert.Single(fake.Requests);
        Assert.True(bot.Logs.Contains(LogLevel.Error, "Discord__Token"), bot.Logs.All);
        Assert.DoesNotContain("wrong-token-value", bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_messages_carry_a_reply_reference_and_suppress_mentions_by_default()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake);

        var message = await bot.Rest.CreateMessageAsync(new Snowflake(1100000000000000200), new MessageContent
        {
            Content = "@everyone training finished",
            MessageReference = new MessageReference { MessageId = new Snowflake(1100000000000000777) },
        });

        var sent = Assert.Single(fake.ChannelMessages);
        Assert.Equal("[]", sent.Body["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.Equal("1100000000000000777", sent.Body["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.Equal(sent.Id, message.Id.ToString());
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public async Task A_500_on_a_new_channel_message_is_retried_only_when_an_enforced_nonce_keeps_it_from_being_posted_twice(bool nonce, int attempts)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake, new() { ["Discord:ServerErrorRetryDelay"] = "00:00:00.050" });
        var channel = new Snowflake(1100000000000000200);
        fake.FailNextRequests("/messages", 1, status: 500, landed: true);

        var send = bot.Rest.CreateMessageAsync(channel, new MessageContent { Content = "training finished", Nonce = nonce ? "n42" : null, EnforceNonce = nonce ? true : null });

        if (nonce)
        {
            var posted = await send;
            Assert.Equal(Assert.Single(fake.ChannelMessages).Id, posted.Id.ToString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await Assert.ThrowsAsync<ApiException>(() => send)).StatusCode);
            Assert.Single(fake.ChannelMessages);
        }

        Assert.Equal(attempts, fake.Requests.Count);
    }

    [Fact]
    public async Task A_429_longer_than_the_call_may_take_fails_at_once_naming_the_wait_instead_of_timing_out()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await RestOnly(fake);
        fake.InjectRateLimit("/users/@me", retryAfterSeconds: 600);
        var clock = Stopwatch.StartNew();

        var first = await Record.ExceptionAsync(() => bot.Rest.GetCurrentUserAsync());
        var second = await Record.ExceptionAsync(() => bot.Rest.GetCurrentUserAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the calls took {clock.Elapsed}");
        foreach (var error in new[] { first, second })
        {
            var refused = Assert.IsType<ApiException>(error);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Matches(@"Discord asked to wait (600|59\d) s before GET /users/@me, longer than this call may take \(100 s\)", refused.Message);
        }

        // The second call knew the wait from the first answer and did not ask Discord again.
        Assert.Single(fake.Requests);
    }

    [Theory]
    [InlineData("GET", "http://x/api/v10/channels/1/messages/2", "GET /channels/{channels}/messages/{id}", "1", false)]
    [InlineData("POST", "http://x/api/v10/interactions/5/tok/callback", "POST /interactions/{interactions}/{token}/callback", "5/", true)]
    [InlineData("PATCH", "http://x/api/v10/webhooks/7/tok/messages/@original", "PATCH /webhooks/{webhooks}/{token}/messages/@original", "7/", true)]
    [InlineData("GET", "http://x/api/v10/users/@me", "GET /users/@me", "", false)]
    public void Routes_are_keyed_by_template_and_major_parameter(string method, string url, string template, string majorStart, bool exempt)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        var route = LabelStudioMl.Bot.Discord.Rest.RateLimiting.DiscordRoute.From(request);

        Assert.Equal(template, route.Template);
        Assert.StartsWith(majorStart, route.Major, StringComparison.Ordinal);
        Assert.Equal(exempt, route.IsGlobalExempt);
    }

    /// <summary>
    /// An interaction token is a secret of 15 minutes' standing and about 200 characters; the rate limiter keeps a
    /// bucket per token for as long as Discord's limit on it holds, so it keys the bucket by a short fingerprint of the
    /// token: one per token, none holding the token itself.
    /// </summary>
    [Fact]
    public void Token_routes_are_keyed_by_a_short_fingerprint_of_the_token_not_the_token()
    {
        var token = "aW50ZXJhY3Rpb246MTIwMDAwMDAwMDAwMDAwMDQxMjpBYmNEZWZHaGlKa2xNbm9QcXJTdFV2V3h5WjAxMjM0NTY3ODlhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5eg" + new string('x', 60);
        static string Major(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, url);
            return LabelStudioMl.Bot.Discord.Rest.RateLimiting.DiscordRoute.From(request).Major;
        }

        var first = Major($"http://x/api/v10/webhooks/7/{token}/messages/@original");
        var again = Major($"http://x/api/v10/webhooks/7/{token}/messages/@original");
        var other = Major($"http://x/api/v10/webhooks/7/{token[..^1]}y/messages/@original");

        Assert.DoesNotContain(token[..20], first, StringComparison.Ordinal);
        Assert.True(first.Length <= 24, $"the key's major parameter is {first.Length} characters: {first}");
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }
}
