using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Tests.Hosting;

/// <summary>
/// The real process started with missing or malformed settings: exit code 2, one line per problem, no stack trace; the
/// same when Discord refuses a setting.
/// </summary>
public sealed class ConfigurationValidationTests
{
    [Fact]
    public async Task Without_configuration_the_bot_exits_2_naming_every_missing_key()
    {
        var result = await BotProcess.RunAsync([], timeout: TimeSpan.FromSeconds(45));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("LabelStudio:Url is missing", result.Error, StringComparison.Ordinal);
        Assert.Contains("LabelStudio__Url", result.Error, StringComparison.Ordinal);
        Assert.Contains("LabelStudio:ApiKey is missing", result.Error, StringComparison.Ordinal);
        Assert.Contains("LabelStudio__ApiKey", result.Error, StringComparison.Ordinal);
        Assert.Contains("Discord:Token is missing", result.Error, StringComparison.Ordinal);
        Assert.Contains("Discord__Token", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_values_are_named_without_echoing_secrets()
    {
        var result = await BotProcess.RunAsync([], new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = "localhost:8080",
            ["LabelStudio__ApiKey"] = "Token 0123456789abcdef-secret",
            ["Discord__Token"] = "Bot not-a-real-token-secret",
            ["Discord__GuildId"] = "my-server",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("LabelStudio:Url 'localhost:8080' is not an absolute http(s) URL", result.Error, StringComparison.Ordinal);
        Assert.Contains("LabelStudio:ApiKey starts with an authorization scheme", result.Error, StringComparison.Ordinal);
        Assert.Contains("Discord:Token is malformed", result.Error, StringComparison.Ordinal);
        Assert.Contains("Discord:GuildId 'my-server' is not a snowflake", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_refused_with_the_valid_ones()
    {
        var result = await BotProcess.RunAsync(["chekc"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command 'chekc'", result.Error, StringComparison.Ordinal);
        Assert.Contains("'check'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_in_a_missing_folder_stops_the_bot_naming_the_setting()
    {
        var result = await BotProcess.RunAsync([], new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = $"http://127.0.0.1:{FreePort.Find()}",
            ["LabelStudio__ApiKey"] = "0123456789abcdef0123456789abcdef01234567",
            ["Discord__Token"] = "MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.store-test",
            ["Discord__ApiBaseUrl"] = $"http://127.0.0.1:{FreePort.Find()}/api/v10",
            ["Storage__ConnectionString"] = "Data Source=/nonexistent-folder-for-tests/bot.db",
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The store could not be opened", result.Error, StringComparison.Ordinal);
        Assert.Contains("Storage:ConnectionString", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_settings_file_that_is_not_valid_JSON_is_named_without_a_stack_trace()
    {
        var environment = $"Broken{Guid.NewGuid():N}";
        var file = Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json");
        await File.WriteAllTextAsync(file, "{ \"LabelStudio\": { \"Url\": \"http://ls:8080\", } oops");
        try
        {
            var result = await BotProcess.RunAsync([], new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = environment });

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("The configuration could not be read", result.Error, StringComparison.Ordinal);
            Assert.Contains($"appsettings.{environment}.json", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unusable_command_catalog_training_and_watch_settings_are_refused_at_start()
    {
        var result = await BotProcess.RunAsync([], new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = "http://127.0.0.1:1",
            ["LabelStudio__ApiKey"] = "0123456789abcdef0123456789abcdef01234567",
            ["Discord__Token"] = "MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.limits-test",
            ["Commands__ConfirmationTimeout"] = "-00:00:05",
            ["Catalog__RefreshInterval"] = "00:00:00",
            ["Watch__Interval"] = "00:00:00.010",
            ["Watch__ConfirmPolls"] = "0",
            ["Watch__Concurrency"] = "100",
            ["Training__FollowUpWindow"] = "00:20:00",
            ["Training__ResumePollInterval"] = "00:00:30",
            ["Training__ReportSecret"] = "tooshort-9q",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Commands:ConfirmationTimeout must be a time span above zero", result.Error, StringComparison.Ordinal);
        Assert.Contains("Catalog:RefreshInterval must be between", result.Error, StringComparison.Ordinal);
        Assert.Contains("Watch:Interval must be a time span between", result.Error, StringComparison.Ordinal);
        Assert.Contains("Watch:ConfirmPolls must be a whole number", result.Error, StringComparison.Ordinal);
        Assert.Contains("Watch:Concurrency must be a whole number", result.Error, StringComparison.Ordinal);
        Assert.Contains("Watch__Interval", result.Error, StringComparison.Ordinal);
        Assert.Contains("Training:FollowUpWindow must be between 00:00:00 and 00:14:30", result.Error, StringComparison.Ordinal);
        Assert.Contains("Training:ResumePollInterval was renamed Training:PollInterval", result.Error, StringComparison.Ordinal);
        Assert.Contains("Training:ReportSecret must be at least 16 characters", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("tooshort-9q", result.Error + result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The bot at start and <c>check</c> read the sections of <see cref="SettingsSections"/>: a section registered with
    /// a validator but missing there would go unchecked, and its wrong values would crash the bot instead.
    /// </summary>
    [Theory]
    [InlineData("Run")]
    [InlineData("Check")]
    [InlineData("Console")]
    public void Every_validated_settings_section_is_checked_by_every_verb(string verb)
    {
        var validated = BotHost.CreateBuilder([], Enum.Parse<ProcessVerb>(verb)).Services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(d => d.ServiceType.GenericTypeArguments[0])
            .ToHashSet();

        Assert.Equal(
            SettingsSections.All.Select(s => s.Options).OrderBy(t => t.Name),
            validated.OrderBy(t => t.Name));
    }

    /// <summary>
    /// Issue 18, item 1: a value the settings binder cannot convert (a word where a duration or a number goes) crashed
    /// the process with exit 134, which systemd's exit-2 exemption misses. Each bound section now fails like any other
    /// wrong setting: exit 2, one line naming the key, the form it takes and its environment variable.
    /// </summary>
    [Fact]
    public async Task Settings_of_the_wrong_type_exit_2_naming_each_key_and_the_form_it_takes()
    {
        string[] wrong =
        [
            "--Discord:Intents=all", "--LabelStudio:ReadRetries=two", "--Storage:CheckInterval=soon",
            "--Catalog:RefreshInterval=hourly", "--Commands:MaxInFlight=lots", "--Training:PollInterval=30s",
            "--Watch:Interval=banana", "--Health:Port=abc",
        ];

        var result = await BotProcess.RunAsync(wrong, timeout: TimeSpan.FromSeconds(45));

        Assert.True(result.ExitCode == 2, $"Exit code {result.ExitCode}:\n{result.Output}\n{result.Error}");
        foreach (var key in new[] { "Storage:CheckInterval", "Catalog:RefreshInterval", "Training:PollInterval", "Watch:Interval" })
            Assert.Contains($"{key} is not a duration: write hours:minutes:seconds", result.Error, StringComparison.Ordinal);
        foreach (var key in new[] { "Discord:Intents", "LabelStudio:ReadRetries", "Commands:MaxInFlight", "Health:Port" })
            Assert.Contains($"{key} is not a whole number", result.Error, StringComparison.Ordinal);
        Assert.Contains("(environment variable Watch__Interval)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Error + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A token only Discord can judge wrong: the bot exits 2 like for any other wrong setting (so systemd does not
    /// restart it in a loop), with the fix on standard error and in its log, which reaches standard output before the
    /// process ends.
    /// </summary>
    [Fact]
    public async Task A_token_Discord_refuses_exits_2_naming_the_fix()
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        using var database = TestStore.Create();
        discord.CloseNextIdentifyWith(4004);
        var result = await BotProcess.RunAsync(BotProcess.Arguments(discord, labelStudio, database, new Dictionary<string, string>()), timeout: TimeSpan.FromSeconds(45));

        Assert.True(result.ExitCode == 2, $"Exit code {result.ExitCode}:\n{result.Output}\n{result.Error}");
        Assert.StartsWith("Discord refused the bot: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Discord__Token", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\[\d\d:\d\d:\d\d FTL\] LabelStudioMl\.Bot\.Discord\.Gateway\.GatewaySession: Discord gateway stopped for good: .*Discord__Token", result.Output);
        Assert.DoesNotContain(discord.BotToken, result.Output + result.Error, StringComparison.Ordinal);
    }
}
