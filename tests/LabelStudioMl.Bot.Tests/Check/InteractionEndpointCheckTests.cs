using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Tests.EndToEnd;

namespace LabelStudioMl.Bot.Tests.Check;

/// <summary><c>check</c> in Http mode, against FakeDiscord's application and a bot serving its endpoint.</summary>
public sealed class InteractionEndpointCheckTests
{
    [Fact]
    public async Task A_saved_endpoint_of_a_bot_with_the_application_key_passes_and_refuses_a_forged_signature()
    {
        await using var bot = await BotHarness.StartAsync(http: true);
        await bot.Discord.SaveInteractionsEndpointAsync(bot.InteractionsEndpoint);

        var (exit, output) = await CheckAsync(bot, bot.Discord.PublicKey);

        Assert.Contains("ok    Discord:PublicKey is the application's public key", output, StringComparison.Ordinal);
        Assert.Contains($"ok    Discord sends interactions to {bot.InteractionsEndpoint}", output, StringComparison.Ordinal);
        Assert.Contains($"ok    {bot.InteractionsEndpoint} refuses a request with a forged signature (401)", output, StringComparison.Ordinal);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Another_application_s_key_fails_and_an_unsaved_endpoint_is_a_warning_with_the_next_step()
    {
        await using var bot = await BotHarness.StartAsync(http: true);
        await using var other = await FakeDiscord.StartAsync();

        // The portal would not save the URL either: the bot refuses Discord's signed PING.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => other.SaveInteractionsEndpointAsync(bot.InteractionsEndpoint));
        var (exit, output) = await CheckAsync(bot, other.PublicKey);

        Assert.Contains("could not be verified (401", refused.Message, StringComparison.Ordinal);
        Assert.Contains("FAIL  Discord:PublicKey is not this application's public key", output, StringComparison.Ordinal);
        Assert.Contains("fix: Copy PUBLIC KEY from the Developer Portal", output, StringComparison.Ordinal);
        Assert.Contains("warn  The application has no Interactions Endpoint URL", output, StringComparison.Ordinal);
        Assert.Equal(BotProgram.ExitFailed, exit);
    }

    [Fact]
    public async Task An_endpoint_that_answers_a_forged_signature_fails_check()
    {
        await using var bot = await BotHarness.StartAsync(http: true);
        await using var careless = await CarelessEndpoint.StartAsync();
        await bot.Discord.SaveInteractionsEndpointAsync(careless.Url);

        var (exit, output) = await CheckAsync(bot, bot.Discord.PublicKey);

        Assert.Contains($"FAIL  {careless.Url} answers a request with a forged signature (200): Discord removes endpoints that do", output, StringComparison.Ordinal);
        Assert.Equal(BotProgram.ExitFailed, exit);
    }

    private static async Task<(int Exit, string Output)> CheckAsync(BotHarness bot, string publicKey)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = bot.Discord.Configuration().Select(s => $"--{s.Key}={s.Value}")
            .Concat(BotHarness.HttpInteractions(bot.Discord).Select(s => $"--{s.Key}={(s.Key == "Discord:PublicKey" ? publicKey : s.Value)}"))
            .Append($"--LabelStudio:Url={bot.LabelStudio.BaseUrl}")
            .Append($"--LabelStudio:ApiKey={bot.LabelStudio.LegacyToken}");
        var exit = await BotProgram.RunAsync(["check", .. settings], output, error);
        return (exit, output + error.ToString());
    }
}
