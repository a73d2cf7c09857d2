using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// <c>/ml watch … snooze:</c> on a flapping backend: its alerts are held back while the bot goes on checking it, and
/// the first alert after the snooze is about what changed since.
/// </summary>
public sealed class WatchSnoozeTests
{
    [Fact]
    public async Task A_snoozed_watch_posts_nothing_and_after_snooze_off_the_next_change_is_posted()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, backend, ml) = await bot.AddBackendAsync("yolo");
        await bot.RunAsync("watch", Option("backend", backend.Id));

        var snoozed = await bot.RunAsync("watch", Option("backend", backend.Id), Option("snooze", "2h"));
        ml.SetupFails = true;
        await bot.WaitForPollsAsync(project.Id, 4);
        var watches = await bot.RunAsync("watches");
        var heldBack = bot.MessagesIn(WatchSteps.Channel).Count;
        var awake = await bot.RunAsync("watch", Option("backend", backend.Id), Option("snooze", "off"));
        ml.SetupFails = false;
        var recovered = WriteCommandKit.Text((await bot.WaitForMessageAsync(WatchSteps.Channel, "Recovered · ")).Body);

        Assert.Contains($"😴 Snoozed backend #{backend.Id} here", snoozed, StringComparison.Ordinal);
        Assert.Contains("2 h", snoozed, StringComparison.Ordinal);
        Assert.Contains("😴 snoozed until <t:", watches, StringComparison.Ordinal);
        Assert.Equal(0, heldBack);
        Assert.Contains("no longer snoozed", awake, StringComparison.Ordinal);
        Assert.Contains("Connected again (was Error)", recovered, StringComparison.Ordinal);
        Assert.Equal(0, bot.CountIn(WatchSteps.Channel, WatchSteps.ErrorTitle));
    }

    [Fact]
    public async Task Snoozing_what_the_channel_does_not_watch_says_how_to_watch_it_first()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, _) = await bot.AddBackendAsync("yolo");

        var answer = await bot.RunAsync("watch", Option("backend", backend.Id), Option("snooze", "30m"));

        Assert.Contains($"This channel does not watch backend #{backend.Id}", answer, StringComparison.Ordinal);
        Assert.Contains($"/ml watch backend:{backend.Id}", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forever", "must be a length such as 30m, 2h or 1d")]
    [InlineData("8d", "at most 7d")]
    public async Task A_snooze_that_is_not_a_length_of_at_most_a_week_is_refused_at_once(string snooze, string says)
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, _) = await bot.AddBackendAsync("yolo");

        var id = await bot.SlashAsync("watch", Option("backend", backend.Id), Option("snooze", snooze));

        await bot.AssertAnsweredAtOnceAsync(id, says);
    }
}
