using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Tests.EndToEnd;
using LabelStudioMl.Bot.Tests.Storage;

namespace LabelStudioMl.Bot.Tests.Check;

/// <summary>The <c>check</c> verb, run in-process against FakeLabelStudio, as an operator reads it.</summary>
public sealed class CheckVerbTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    private async Task<(int Exit, string Output)> CheckAsync(params string[] settings)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] discord = [.. _discord.Configuration().Select(s => $"--{s.Key}={s.Value}")];
        var exit = await BotProgram.RunAsync(["check", .. discord, .. settings], output, error);
        return (exit, output + error.ToString());
    }

    [Fact]
    public async Task Check_lists_projects_and_backends_with_state_and_error()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var ml = await ls.StartMlServerAsync();
        var broken = await ls.StartMlServerAsync();
        broken.SetupFails = true;
        var cars = ls.AddProject("Cars");
        ls.AddProject("Bikes");
        var good = ls.AddBackend(cars.Id, ml.Url, "yolo");
        var bad = ls.AddBackend(cars.Id, broken.Url, "broken");

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.CreatePersonalAccessToken()}");

        Assert.Equal(0, exit);
        Assert.Contains("key: personal access token", output, StringComparison.Ordinal);
        Assert.Contains("ok    Signed in as", output, StringComparison.Ordinal);
        Assert.Contains("2 projects visible", output, StringComparison.Ordinal);
        Assert.Contains($"Project #{cars.Id} Cars: 2 ML backends", output, StringComparison.Ordinal);
        Assert.Contains($"#{good.Id} yolo · CO Connected", output, StringComparison.Ordinal);
        Assert.Contains($"warn  #{bad.Id} broken · ER Error", output, StringComparison.Ordinal);
        Assert.Contains("error: 500 Server Error", output, StringComparison.Ordinal);
        Assert.Contains("fix: The ML server answers /health but its /setup failed", output, StringComparison.Ordinal);
        Assert.Contains("All checks passed (3 warnings).", output, StringComparison.Ordinal);
        Assert.Contains("warn  Access grants nothing", output, StringComparison.Ordinal);
        Assert.Contains("warn  Discord commands: no commands registered", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_against_a_closed_port_says_where_it_failed_and_exits_1()
    {
        var closed = FreePort.Find();

        var (exit, output) = await CheckAsync($"--LabelStudio:Url=http://127.0.0.1:{closed}", "--LabelStudio:ApiKey=0123456789abcdef", "--LabelStudio:ReadRetries=0");

        Assert.Equal(1, exit);
        Assert.Contains($"FAIL  Could not connect to Label Studio at http://127.0.0.1:{closed}", output, StringComparison.Ordinal);
        Assert.Contains("fix: Check LabelStudio:Url", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 18, item 3: with retries on, a closed port printed 92 lines of Polly's stack traces under the report.
    /// Each retry is now one line, naming the request, the reason and the wait, with no stack trace.
    /// </summary>
    [Fact]
    public async Task Check_against_a_closed_port_logs_each_retry_as_one_line()
    {
        var closed = FreePort.Find();

        string[] discord = [.. _discord.Configuration().Select(s => $"--{s.Key}={s.Value}")];

        // A process of its own: the logs go to the real standard error.
        var result = await BotProcess.RunAsync(
            ["check", .. discord, $"--LabelStudio:Url=http://127.0.0.1:{closed}", "--LabelStudio:ApiKey=0123456789abcdef", "--LabelStudio:ReadRetries=2"],
            timeout: TimeSpan.FromSeconds(45));

        Assert.Equal(1, result.ExitCode);
        var output = result.Output + result.Error;
        var retries = output.Split('\n').Where(l => l.Contains("Label Studio did not answer GET /api/current-user/whoami", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("Connection refused", retries[0], StringComparison.Ordinal);
        Assert.Contains("retry 1 of 2 in ", retries[0], StringComparison.Ordinal);
        Assert.Contains("retry 2 of 2 in ", retries[1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Polly", output, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpRequestException", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 18, item 3: at an address that is not Label Studio's API (a web server answering 404 pages, a proxy
    /// answering 501), check said "Check the id: /ml list …" or "Label Studio failed … try again later". Every Label
    /// Studio serves <c>/api/current-user/whoami</c> (label_studio/users/urls.py), so a 404 or 501 there means the
    /// address is wrong. FakeLabelStudio's injected failures stand in for that server: an HTML page for every request.
    /// </summary>
    [Theory]
    [InlineData(404, false)]
    [InlineData(404, true)]
    [InlineData(501, false)]
    [InlineData(501, true)]
    public async Task Check_against_a_server_that_is_not_Label_Studio_says_so(int status, bool personalAccessToken)
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var key = personalAccessToken ? ls.CreatePersonalAccessToken() : ls.LegacyToken;
        ls.FailNextRequests(status, 100);

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={key}");

        Assert.Equal(1, exit);
        Assert.Contains($"is not Label Studio's API: it answered {status} with an HTML page", output, StringComparison.Ordinal);
        Assert.Contains("fix: Check LabelStudio:Url", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Check the id", output, StringComparison.Ordinal);
        Assert.DoesNotContain("try again later", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Check_with_a_wrong_key_says_which_key_to_check()
    {
        await using var ls = await FakeLabelStudio.StartAsync();

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", "--LabelStudio:ApiKey=0000000000000000000000000000000000000000");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  Invalid token.", output, StringComparison.Ordinal);
        Assert.Contains("fix: Check LabelStudio:ApiKey", output, StringComparison.Ordinal);
        Assert.DoesNotContain("0000000000000000000000000000000000000000", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_a_legacy_key_where_legacy_tokens_are_off_says_to_use_a_personal_access_token()
    {
        await using var ls = await FakeLabelStudio.StartAsync(new FakeLabelStudioOptions { LegacyTokensEnabled = false });

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.LegacyToken}");

        Assert.Equal(1, exit);
        Assert.Contains("legacy token authentication has been disabled for this organization", output, StringComparison.Ordinal);
        Assert.Contains("fix: Legacy tokens are disabled for this organization; use a personal access token", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ls.LegacyToken, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_incomplete_configuration_names_the_keys_and_exits_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BotProgram.RunAsync(["check", "--LabelStudio:Url=", "--LabelStudio:ApiKey=", "--Discord:Token="], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("FAIL  LabelStudio:Url is missing", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAIL  Discord:Token is missing", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Label Studio: skipped until its configuration is fixed", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 18, item 2: <c>check</c> validated four sections and said "Configuration ok" for values the bot then
    /// refused. It now runs the bot's own validation of every section, wrong types included, and exits 2 like the bot.
    /// </summary>
    [Fact]
    public async Task Check_refuses_every_setting_the_bot_refuses()
    {
        await using var ls = await FakeLabelStudio.StartAsync();

        var (exit, output) = await CheckAsync(
            $"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.CreatePersonalAccessToken()}",
            "--Watch:Interval=60", "--Health:Port=99999", "--Catalog:RefreshInterval=hourly");

        Assert.Equal(2, exit);
        string[] expected =
        [
            "FAIL  Watch:Interval must be a time span between", "FAIL  Watch:MaxBackoff must be a time span at least Watch:Interval",
            "FAIL  Health:Port must be between 0 and 65535", "FAIL  Catalog:RefreshInterval is not a duration",
            "ok    LabelStudio settings are complete",
        ];
        Assert.All(expected, line => Assert.Contains(line, output, StringComparison.Ordinal));
        Assert.Contains("4 checks failed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_names_the_bot_the_gateway_and_the_invite_url()
    {
        await using var ls = await FakeLabelStudio.StartAsync();

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.LegacyToken}");

        Assert.Equal(0, exit);
        Assert.Contains($"Discord at {_discord.ApiBaseUrl}", output, StringComparison.Ordinal);
        Assert.Contains($"ok    Discord token: bot user {_discord.Options.BotUserName}", output, StringComparison.Ordinal);
        Assert.Contains("ok    Discord gateway: ws://127.0.0.1", output, StringComparison.Ordinal);
        Assert.Contains("reachable (Hello received)", output, StringComparison.Ordinal);
        Assert.Contains($"ok    Discord application: application {_discord.Options.ApplicationName} ({_discord.ApplicationId})", output, StringComparison.Ordinal);
        Assert.Contains($"ok    Discord invite: https://discord.com/oauth2/authorize?client_id={_discord.ApplicationId}&scope=bot+applications.commands&permissions=", output, StringComparison.Ordinal);
        Assert.DoesNotContain(_discord.BotToken, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_a_rejected_bot_token_says_how_to_reset_it()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        const string wrong = "MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.not-the-token-discord-knows";

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.LegacyToken}", $"--Discord:Token={wrong}");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  Discord token: Discord rejected the token", output, StringComparison.Ordinal);
        Assert.Contains("fix: Reset the token in the Discord developer portal", output, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_when_Discord_asks_for_a_wait_longer_than_a_call_may_take_names_the_wait_at_once()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        _discord.InjectRateLimit("/applications/@me", retryAfterSeconds: 600);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.LegacyToken}");

        Assert.Equal(1, exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"check took {clock.Elapsed}");
        Assert.Contains("FAIL  Discord application: Discord answered 429", output, StringComparison.Ordinal);
        Assert.Contains("Discord asked to wait 600 s before GET /applications/@me, longer than this call may take", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cancel", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Check_warns_about_a_watch_mention_that_cannot_ping_and_says_how_to_fix_it()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        using var store = new TemporaryDatabase();
        _discord.SetEveryonePermissions(WatchSteps.EveryoneWithoutMentionEveryone);
        var silent = _discord.AddRole("on-call");
        var heard = _discord.AddRole("ml-team", mentionable: true);
        await WatchAsync(store, WatchSteps.Channel, silent);
        await WatchAsync(store, WatchSteps.OtherChannel, heard);

        var (exit, output) = await CheckAsync([$"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.LegacyToken}", .. store.Store.Arguments]);

        Assert.Equal(0, exit);
        Assert.Contains($"warn  Watch mention @on-call (channel {WatchSteps.Channel}) does not ping anyone", output, StringComparison.Ordinal);
        Assert.Contains("fix: Make the role mentionable in Server Settings → Roles → on-call → Allow anyone to @mention this role, or", output, StringComparison.Ordinal);
        Assert.Contains($"ok    Watch mention @ml-team (channel {WatchSteps.OtherChannel}) pings", output, StringComparison.Ordinal);
        Assert.DoesNotContain("@ml-team (channel " + WatchSteps.OtherChannel + ") does not ping", output, StringComparison.Ordinal);
    }

    private static async Task WatchAsync(TemporaryDatabase store, string channel, string roleId)
    {
        await store.Database.MigrateAsync();
        var subscription = new WatchSubscription(0, "1100000000000000100", channel, new WatchTarget(WatchTargetKind.Backend, 1), 1, roleId, "1100000000000000300", "alice", DateTimeOffset.UtcNow);
        await new WatchStore(store.Database, TimeProvider.System).SubscribeAsync(subscription, [], CancellationToken.None);
    }

    [Fact]
    public async Task Check_with_Discord_unreachable_names_the_setting()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var closed = FreePort.Find();

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.LegacyToken}", $"--Discord:ApiBaseUrl=http://127.0.0.1:{closed}/api/v10");

        Assert.Equal(1, exit);
        Assert.Contains($"FAIL  Discord token: Discord is not reachable at http://127.0.0.1:{closed}/api/v10", output, StringComparison.Ordinal);
        Assert.Contains("fix: Check the network and Discord:ApiBaseUrl", output, StringComparison.Ordinal);
    }
}
