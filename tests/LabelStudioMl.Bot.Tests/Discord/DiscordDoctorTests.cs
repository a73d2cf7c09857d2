using System.Text.Json;
using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Discord.Doctor;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>The Discord half of <c>check</c> against FakeDiscord.</summary>
[Collection("FakeDiscord")]
public sealed class DiscordDoctorTests
{
    private static IReadOnlyList<ApplicationCommand> MlCommands() =>
        JsonSerializer.Deserialize(File.ReadAllText(RepositoryPaths.Fixture("discord", "synthesized", "command-ml-bulk-overwrite-body.json")), DiscordJsonContext.Default.IReadOnlyListApplicationCommand)!;

    [Fact]
    public async Task Reports_the_bot_name_gateway_application_and_invite_url()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, gateway: false);
        await bot.Host.Services.GetRequiredService<CommandRegistrar>().RegisterAsync(MlCommands());

        var checks = await bot.Host.Services.GetRequiredService<DiscordDoctor>().RunAsync(MlCommands(), CancellationToken.None);

        Assert.All(checks, c => Assert.True(c.Ok, $"{c.Name}: {c.Detail}"));
        Assert.Contains("mlops-bot", checks.Single(c => c.Name == "Discord token").Detail, StringComparison.Ordinal);
        Assert.Contains(fake.GatewayUrl.ToString(), checks.Single(c => c.Name == "Discord gateway").Detail, StringComparison.Ordinal);
        Assert.Contains(fake.ApplicationId, checks.Single(c => c.Name == "Discord application").Detail, StringComparison.Ordinal);
        Assert.Equal(
            $"https://discord.com/oauth2/authorize?client_id={fake.ApplicationId}&scope=bot+applications.commands&permissions=84992",
            checks.Single(c => c.Name == "Discord invite").Detail);
    }

    [Fact]
    public async Task Says_when_commands_are_not_registered()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, gateway: false);

        var checks = await bot.Host.Services.GetRequiredService<DiscordDoctor>().RunAsync(MlCommands(), CancellationToken.None);

        var commands = checks.Single(c => c.Name == "Discord commands");
        Assert.False(commands.Ok);
        Assert.Contains("no commands registered", commands.Detail, StringComparison.Ordinal);
        Assert.NotNull(commands.Fix);
    }

    [Fact]
    public async Task A_rejected_token_tells_how_to_replace_it_without_showing_it()
    {
        const string wrong = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gwrong.wrong-token-value_0123456789";
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, new Dictionary<string, string?> { ["Discord:Token"] = wrong }, gateway: false);

        var checks = await bot.Host.Services.GetRequiredService<DiscordDoctor>().RunAsync(MlCommands(), CancellationToken.None);

        var token = checks[0];
        Assert.False(token.Ok);
        Assert.Contains("Discord__Token", token.Fix, StringComparison.Ordinal);
        Assert.Contains("Reset Token", token.Fix, StringComparison.Ordinal);
        Assert.All(checks, c => Assert.DoesNotContain("wrong-token-value", c.Detail + c.Fix, StringComparison.Ordinal));
        Assert.Single(fake.Requests);
    }
}
