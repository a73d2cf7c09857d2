using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Tests.Health;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>Discord unreachable when the bot starts: the /ml registration is tried again until users can see the command.</summary>
[Collection(CapturedLogsGroup.Name)]
public sealed class CommandRegistrationRetryTests
{
    [Fact]
    public async Task A_registration_that_fails_at_start_is_retried_until_ml_is_registered_and_readiness_says_why_meanwhile()
    {
        var settings = BotHarness.InformationLogging();
        settings["Discord:MaxServerErrorRetries"] = "0";
        // Four 503s, as in an outage; the backoff (0.5 s doubling to the harness's 1 s) spreads the five attempts over about 3 s.
        settings["Discord:ReconnectBaseDelay"] = "00:00:00.500";
        await using var bot = await BotHarness.StartAsync(settings, discordBeforeStart: d => d.FailNextRequests("/applications/@me", 4, 503));
        var readiness = bot.Host.Services.GetRequiredService<Readiness>();

        string? meanwhile = null;
        await FakeDiscord.WaitUntilAsync(() => (meanwhile = readiness.Check().Text).Contains("failed: Discord answered 503", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "readiness to name the failed registration");
        using var http = HealthProbe.Client(bot);
        var metricsMeanwhile = await http.GetStringAsync("/metrics");
        await FakeDiscord.WaitUntilAsync(() => bot.Discord.RegisteredCommands(Guild).Count > 0, TimeSpan.FromSeconds(20), "the /ml registration");

        Assert.Equal(0, PrometheusText.Value(metricsMeanwhile, "discord_commands_registered"));
        Assert.Equal(1, PrometheusText.Value(await http.GetStringAsync("/metrics"), "discord_commands_registered"));

        Assert.Contains("not ready: the /ml command is not registered with Discord yet (attempt ", meanwhile, StringComparison.Ordinal);
        Assert.DoesNotContain("not registered", readiness.Check().Text, StringComparison.Ordinal);
        var warnings = bot.Logs.Messages.Where(l => l.StartsWith("The commands could not be registered with Discord", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, warnings.Count);
        // One line each: the capture appends an exception (with its stack trace) to the line when one is logged.
        Assert.All(warnings, w => Assert.DoesNotContain("Exception", w, StringComparison.Ordinal));
        Assert.Contains(bot.Logs.Messages, l => l.StartsWith("Discord commands registered at attempt 5", StringComparison.Ordinal));
    }

    private const string Guild = "1100000000000000100";
}
