using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Transports.Console;

namespace LabelStudioMl.Bot.Tests.ConsoleTransport;

/// <summary>The console needs no Discord token, but the rest of the Discord section must still make sense.</summary>
public sealed class ConsoleDiscordSettingsValidatorTests
{
    private readonly ConsoleDiscordSettingsValidator _validator = new();

    [Theory]
    [InlineData("")]
    [InlineData("Bot not-a-token")]
    public void A_missing_or_malformed_token_is_fine_for_the_console(string token)
    {
        Assert.True(_validator.Validate(null, new DiscordSettings { Token = token }).Succeeded);
    }

    [Fact]
    public void A_bad_API_address_is_still_refused_by_name()
    {
        var result = _validator.Validate(null, new DiscordSettings { Token = "", ApiBaseUrl = "discord" });

        Assert.StartsWith("Discord:ApiBaseUrl 'discord' is not an absolute http(s) URL.", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
