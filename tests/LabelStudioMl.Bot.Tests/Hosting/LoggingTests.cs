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
}
