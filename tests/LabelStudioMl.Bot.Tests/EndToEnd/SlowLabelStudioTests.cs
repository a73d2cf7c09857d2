using System.Diagnostics;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// With Label Studio slow, every interaction is still acknowledged within Discord's 3 seconds: commands waiting for
/// Label Studio do not hold the gateway's workers, and past <c>Commands:MaxInFlight</c> a command is refused at once.
/// </summary>
public sealed class SlowLabelStudioTests
{
    [Fact]
    public async Task Help_and_every_command_are_acknowledged_in_time_and_the_overflow_is_told_the_bot_is_busy()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string>
        {
            ["Discord:DispatchConcurrency"] = "2",
            ["Commands:MaxInFlight"] = "5",
        });
        var project = bot.LabelStudio.AddProject("Cars");
        bot.LabelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(8);

        var pushed = new List<(string Id, long At)>();
        for (var i = 0; i < 8; i++)
            pushed.Add((await bot.SlashAsync("list", FakeInteractions.Option("project", project.Id)), Stopwatch.GetTimestamp()));
        var help = await bot.SlashAsync("help");
        var helpAt = Stopwatch.GetTimestamp();

        var helpCallback = await bot.CallbackAsync(help);
        var callbacks = new List<RecordedCallback>();
        foreach (var (id, at) in pushed)
        {
            var callback = await bot.CallbackAsync(id);
            Assert.True(Stopwatch.GetElapsedTime(at, callback.Timestamp) < TimeSpan.FromSeconds(3), $"/ml list {id} was acknowledged after {Stopwatch.GetElapsedTime(at, callback.Timestamp)}.");
            callbacks.Add(callback);
        }

        Assert.True(Stopwatch.GetElapsedTime(helpAt, helpCallback.Timestamp) < TimeSpan.FromSeconds(3), $"/ml help was answered after {Stopwatch.GetElapsedTime(helpAt, helpCallback.Timestamp)}.");
        Assert.Equal(5, callbacks.Count(c => c.Type == 5));
        var busy = callbacks.Where(c => c.Type == 4).ToList();
        Assert.Equal(3, busy.Count);
        Assert.All(busy, c =>
        {
            Assert.True(c.Ephemeral);
            Assert.Contains("The bot is busy", c.Body.ToJsonString(), StringComparison.Ordinal);
        });

        // The five that were taken on all get their answer once Label Studio answers.
        foreach (var (id, _) in pushed.Where(p => callbacks.Single(c => c.InteractionId == p.Id).Type == 5))
            Assert.Contains("No ML backends here yet", WriteCommandKit.Text((await bot.FinalAnswerAsync(id)).Body), StringComparison.Ordinal);
    }
}
