using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Tests.Hosting;

/// <summary>The running process logs readable lines by default and compact JSON when asked, never a key.</summary>
public sealed class LoggingTests
{
    private const string LabelStudioKey = "feedfacefeedfacefeedfacefeedfacefeedface";
    private const string DiscordToken = "MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.logging-test-token";

    private static Dictionary<string, string> Settings(string format) => new()
    {
        ["LabelStudio__Url"] = $"http://127.0.0.1:{FreePort.Find()}",
        ["LabelStudio__ApiKey"] = LabelStudioKey,
        ["Discord__Token"] = DiscordToken,
        ["Discord__ApiBaseUrl"] = $"http://127.0.0.1:{FreePort.Find()}/api/v10",
        ["Storage__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"lsbot-{Guid.NewGuid():N}.db")}",
        ["Logging__Format"] = format,
    };

    [Fact]
    public async Task Default_log_lines_are_readable_text()
    {
        var lines = await BotProcess.ReadUntilAsync([], Settings("text"), l => l.Contains("starting", StringComparison.Ordinal), TimeSpan.FromSeconds(45));

        var banner = lines.Single(l => l.Contains("starting", StringComparison.Ordinal));
        Assert.Matches(@"^\[\d\d:\d\d:\d\d INF\] LabelStudioMl\.Bot\.Hosting\.StartupBanner: LabelStudioMl\.Bot [\d.]+ starting; Label Studio at http://127\.0\.0\.1:\d+ with a legacy token$", banner);
        Assert.DoesNotContain(lines, l => l.Contains(LabelStudioKey, StringComparison.Ordinal) || l.Contains(DiscordToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_format_writes_one_compact_json_event_per_line()
    {
        var lines = await BotProcess.ReadUntilAsync([], Settings("json"), l => l.Contains("starting", StringComparison.Ordinal), TimeSpan.FromSeconds(45));

        var banner = JsonNode.Parse(lines.Single(l => l.Contains("starting", StringComparison.Ordinal)))!;
        Assert.StartsWith("LabelStudioMl.Bot ", banner["@m"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("legacy token", banner["KeyKind"]!.GetValue<string>());
        Assert.NotNull(banner["@t"]);
        Assert.DoesNotContain(lines, l => l.Contains(LabelStudioKey, StringComparison.Ordinal) || l.Contains(DiscordToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_minimum_level_of_warning_hides_information_and_an_override_brings_one_source_back()
    {
        var quiet = Settings("text");
        quiet["Serilog__MinimumLevel__Default"] = "warning";
        quiet["Serilog__MinimumLevel__Override__LabelStudioMl.Bot.Hosting.StartupBanner"] = "Information";
        var lines = await BotProcess.ReadUntilAsync([], quiet, l => l.Contains("starting", StringComparison.Ordinal), TimeSpan.FromSeconds(45));

        Assert.Contains(lines, l => l.Contains(" INF] LabelStudioMl.Bot.Hosting.StartupBanner", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" INF] ", StringComparison.Ordinal) && !l.Contains("StartupBanner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_level_that_is_not_one_exits_2_naming_the_setting_and_the_valid_levels()
    {
        var settings = Settings("text");
        settings["Serilog__MinimumLevel"] = "Loud";
        settings["Serilog__MinimumLevel__Override__Polly"] = "7";

        var result = await BotProcess.RunAsync([], settings, timeout: TimeSpan.FromSeconds(45));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Serilog:MinimumLevel is 'Loud', which is not a log level. Use one of Verbose, Debug, Information, Warning, Error, Fatal", result.Error, StringComparison.Ordinal);
        Assert.Contains("Serilog:MinimumLevel:Override:Polly is '7'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Serilog__MinimumLevel__Override__Polly", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_format_that_is_neither_text_nor_json_exits_2_instead_of_falling_back_to_text()
    {
        var settings = Settings("jsno");

        var result = await BotProcess.RunAsync([], settings, timeout: TimeSpan.FromSeconds(45));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Logging:Format is 'jsno', which is not a log format. Use text", result.Error, StringComparison.Ordinal);
        Assert.Contains("Logging__Format", result.Error, StringComparison.Ordinal);
    }
}
