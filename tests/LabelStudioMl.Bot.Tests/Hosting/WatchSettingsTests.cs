using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Tests.Hosting;

/// <summary>Unusable <c>Watch</c> settings stop the real process at start, naming each key.</summary>
public sealed class WatchSettingsTests
{
    [Fact]
    public async Task Unusable_watch_settings_are_refused_at_start_naming_each_key()
    {
        var result = await BotProcess.RunAsync([], new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = "http://127.0.0.1:1",
            ["LabelStudio__ApiKey"] = "0123456789abcdef0123456789abcdef01234567",
            ["Discord__Token"] = "MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.watch-test",
            ["Watch__Interval"] = "00:00:00.010",
            ["Watch__ConfirmPolls"] = "0",
            ["Watch__Concurrency"] = "100",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Watch:Interval must be", result.Error, StringComparison.Ordinal);
        Assert.Contains("Watch:ConfirmPolls must be", result.Error, StringComparison.Ordinal);
        Assert.Contains("Watch:Concurrency must be", result.Error, StringComparison.Ordinal);
        Assert.Contains("Watch__Interval", result.Error, StringComparison.Ordinal);
    }
}
