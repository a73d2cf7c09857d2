using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.EndToEnd;

namespace LabelStudioMl.Bot.Tests.Transports;

/// <summary>
/// The HTTP interactions transport (<c>Discord:Interactions:Mode=Http</c>) against FakeDiscord posting signed
/// interactions as Discord does: only requests signed by the application's key, at a fresh timestamp, reach the bot;
/// the first answer is the HTTP response; the rest goes over REST as in gateway mode.
/// </summary>
public sealed class HttpInteractionsTests
{
    [Fact]
    public async Task A_signed_PING_gets_200_with_a_PONG_in_JSON_and_the_bot_holds_no_gateway_session()
    {
        await using var bot = await BotHarness.StartAsync(http: true);

        var pong = await bot.Discord.PingAsync(bot.InteractionsEndpoint);

        Assert.Equal(200, pong.Status);
        Assert.Equal(1, pong.Response!["type"]!.GetValue<int>());
        Assert.Empty(bot.Discord.ConnectionAttempts);
    }

    [Theory]
    [InlineData(Signing.Forged)]
    [InlineData(Signing.Stale)]
    [InlineData(Signing.NoSignature)]
    [InlineData(Signing.Tampered)]
    public async Task A_request_not_validly_signed_gets_401_and_reaches_no_command(Signing signing)
    {
        await using var bot = await BotHarness.StartAsync(http: true);
        var backend = bot.LabelStudio.AddBackend(bot.LabelStudio.AddProject("Cars").Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "yolo");

        var ping = await bot.Discord.PingAsync(bot.InteractionsEndpoint, signing);
        var command = await bot.Discord.DeliverInteractionAsync(
            bot.InteractionsEndpoint, FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", backend.Id))), signing);

        Assert.Equal((401, 401), (ping.Status, command.Status));
        await Task.Delay(300);
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith($"/api/ml/{backend.Id}", StringComparison.Ordinal));
        Assert.Empty(bot.Discord.InteractionCallbacks);
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Path.Contains("/webhooks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_is_deferred_in_the_HTTP_response_and_its_reply_replaces_the_deferral_over_REST()
    {
        await using var bot = await BotHarness.StartAsync(http: true);
        var backend = bot.LabelStudio.AddBackend(bot.LabelStudio.AddProject("Cars").Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "yolo");

        var delivery = await bot.Discord.DeliverInteractionAsync(
            bot.InteractionsEndpoint, FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", backend.Id))));
        var answer = await bot.FinalAnswerAsync(delivery.InteractionId);

        Assert.Equal(200, delivery.Status);
        Assert.Equal(5, delivery.Response!["type"]!.GetValue<int>());
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
        Assert.StartsWith($"🟢 #{backend.Id} yolo", answer.Embeds.Single()!["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_without_access_is_answered_privately_in_the_HTTP_response_and_autocomplete_answers_there_too()
    {
        await using var bot = await BotHarness.StartAsync(http: true);

        var denied = await bot.Discord.DeliverInteractionAsync(
            bot.InteractionsEndpoint, FakeInteractions.SlashCommandBy([], "0", "ml", FakeInteractions.SubCommand("remove", FakeInteractions.Option("backend", 1))));
        var suggested = await bot.Discord.DeliverInteractionAsync(
            bot.InteractionsEndpoint, FakeInteractions.Autocomplete("ml", FakeInteractions.SubCommand("get", FakeInteractions.Focused(FakeInteractions.Option("backend", "")))));

        Assert.Equal(4, denied.Response!["type"]!.GetValue<int>());
        Assert.Equal(64, denied.Response["data"]!["flags"]!.GetValue<int>() & 64);
        Assert.Equal(8, suggested.Response!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Confirming_a_removal_updates_the_prompt_in_the_HTTP_response_then_edits_it_with_the_outcome()
    {
        await using var bot = await BotHarness.StartAsync(http: true);
        var backend = bot.LabelStudio.AddBackend(bot.LabelStudio.AddProject("Cars").Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "yolo");
        var prompt = await bot.Discord.DeliverInteractionAsync(bot.InteractionsEndpoint,
            FakeInteractions.SlashCommandBy([BotHarness.AdminRole], "0", "ml", FakeInteractions.SubCommand("remove", FakeInteractions.Option("backend", backend.Id))));
        var shown = await bot.FinalAnswerAsync(prompt.InteractionId);
        var confirm = shown.Body["components"]![0]!["components"]!.AsArray()
            .Select(c => c!["custom_id"]!.GetValue<string>()).Single(c => c.EndsWith(":yes", StringComparison.Ordinal));

        var press = await bot.Discord.DeliverInteractionAsync(bot.InteractionsEndpoint, FakeInteractions.ButtonPressBy([BotHarness.AdminRole], confirm));
        var outcome = await bot.FinalAnswerAsync(press.InteractionId);

        Assert.Equal(7, press.Response!["type"]!.GetValue<int>());
        Assert.StartsWith("Removing", press.Response["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith($"Removed #{backend.Id}", outcome.Body["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.Backends);
    }

    [Theory]
    [InlineData("", "Discord:PublicKey cannot be used: it is missing")]
    [InlineData("abc", "Discord:PublicKey cannot be used: it must be 64 hexadecimal characters")]
    public async Task Http_mode_without_a_usable_public_key_stops_at_start_naming_the_key(string key, string expected)
    {
        var result = await BotProcess.RunAsync([], new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = "http://127.0.0.1:9",
            ["LabelStudio__ApiKey"] = "key",
            ["Discord__Token"] = "a.b.c",
            ["Discord__Interactions__Mode"] = "Http",
            ["Discord__Interactions__Url"] = "http://example.org/interactions",
            ["Discord__PublicKey"] = key,
        }, timeout: TimeSpan.FromSeconds(45));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("Discord:Interactions:Url 'http://example.org/interactions' must name an IP address", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_doubled_delivery_runs_once_and_the_other_request_gets_409()
    {
        await using var bot = await BotHarness.StartAsync(http: true);
        var backend = bot.LabelStudio.AddBackend(bot.LabelStudio.AddProject("Cars").Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "yolo");
        var interaction = FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", backend.Id)));
        interaction["id"] = "1100000000000077001";

        var deliveries = await Task.WhenAll(
            bot.Discord.DeliverInteractionAsync(bot.InteractionsEndpoint, interaction), bot.Discord.DeliverInteractionAsync(bot.InteractionsEndpoint, interaction));
        var answer = await bot.FinalAnswerAsync("1100000000000077001");
        await Task.Delay(300);

        Assert.Equal([200, 409], deliveries.Select(d => d.Status).Order());
        Assert.StartsWith($"🟢 #{backend.Id} yolo", answer.Embeds.Single()!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(bot.LabelStudio.Requests, r => r.Path == $"/api/ml/{backend.Id}");
    }

    [Fact]
    public async Task The_bot_process_in_Http_mode_gets_ready_answers_a_PING_and_stops_with_exit_code_0_on_SIGTERM()
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        using var store = TestStore.Create();
        var endpoint = new Uri($"http://127.0.0.1:{FreePort.Find()}/interactions");
        var settings = BotHarness.HttpInteractions(discord);
        settings["Discord:Interactions:Url"] = endpoint.ToString();

        await using var bot = await BotProcess.StartReadyAsync(BotProcess.Arguments(discord, labelStudio, store, settings));
        var pong = await discord.PingAsync(endpoint);
        var exit = await bot.StopAsync();

        Assert.Equal(1, pong.Response?["type"]?.GetValue<int>());
        Assert.True(exit == 0, $"The bot exited with {exit}:\n{bot.Output}");
        Assert.Empty(discord.ConnectionAttempts);
    }
}
