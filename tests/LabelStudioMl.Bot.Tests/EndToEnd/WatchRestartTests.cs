using LabelStudioMl.Bot.Testing.Discord;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>The bot stopped mid-watch and a new one started on the same store: nothing lost, nothing said twice.</summary>
public sealed class WatchRestartTests
{
    [Fact]
    public async Task After_a_restart_watches_remain_and_an_announced_error_is_not_announced_again()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, backend, ml) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id), IdOption("mention", 8, WatchSteps.OnCallRole));
        await bot.RunInAsync(WatchSteps.OtherChannel, "watch", Option("project", project.Id));
        ml.SetupFails = true;
        await bot.WaitForMessageAsync(WatchSteps.Channel, WatchSteps.ErrorTitle);
        await bot.WaitForMessageAsync(WatchSteps.OtherChannel, WatchSteps.ErrorTitle);

        await bot.RestartAsync();
        await bot.WaitForPollsAsync(project.Id, 3);
        ml.SetupFails = false;
        await bot.WaitForMessageAsync(WatchSteps.Channel, "Recovered · ");
        await bot.WaitForMessageAsync(WatchSteps.OtherChannel, "Recovered · ");

        Assert.Equal(1, bot.CountIn(WatchSteps.Channel, WatchSteps.ErrorTitle));
        Assert.Equal(1, bot.CountIn(WatchSteps.OtherChannel, WatchSteps.ErrorTitle));
        var watches = await bot.RunAsync("watches");
        Assert.Contains($"backend #{backend.Id}", watches, StringComparison.Ordinal);
        Assert.Contains($"pings <@&{WatchSteps.OnCallRole}>", watches, StringComparison.Ordinal);
        Assert.Contains($"project {project.Id}", await bot.RunInAsync(WatchSteps.OtherChannel, "watches"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_pending_at_the_restart_is_announced_once_after_it()
    {
        await using var bot = await WatchSteps.StartAsync(("Watch:ConfirmPolls", "3"));
        var (project, backend, ml) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id));

        // One poll sees the error; then Label Studio stops answering, which leaves the pending count as it is.
        ml.SetupFails = true;
        await FakeDiscord.WaitUntilAsync(() => bot.StoredStateAsync(backend.Id).Result?.PendingCount >= 1, TimeSpan.FromSeconds(30), "a pending error");
        bot.LabelStudio.FailNextRequests(503, 1_000_000);
        await bot.WaitForMessageAsync(WatchSteps.Channel, "Label Studio unreachable");
        var pendingAtRestart = await bot.StoredStateAsync(backend.Id);
        await bot.RestartAsync();
        await bot.WaitForPollsAsync(project.Id, 2);
        bot.LabelStudio.FailNextRequests(503, 0);
        await bot.WaitForMessageAsync(WatchSteps.Channel, WatchSteps.ErrorTitle);
        await bot.WaitForPollsAsync(project.Id, 3);

        Assert.Equal("CO", pendingAtRestart!.State);
        Assert.Equal("ER", pendingAtRestart.PendingState);
        Assert.Equal(1, bot.CountIn(WatchSteps.Channel, WatchSteps.ErrorTitle));
        Assert.Equal(1, bot.CountIn(WatchSteps.Channel, "Label Studio unreachable"));
        Assert.Equal(1, bot.CountIn(WatchSteps.Channel, "Label Studio reachable again"));
    }

    [Fact]
    public async Task A_restart_mid_watch_and_mid_training_keeps_the_watch_and_tells_the_training_result_and_the_new_version_once()
    {
        await using var bot = await WatchSteps.StartAsync(("Training:PollInterval", "00:00:00.200"));
        var (project, backend, ml) = await bot.AddBackendAsync();
        ml.TrainingDuration = TimeSpan.FromSeconds(4);
        await bot.RunAsync("watch", Option("backend", backend.Id));
        await bot.WaitForPollsAsync(project.Id, 1);

        var started = await bot.RunAsync("train", Option("backend", backend.Id));
        await FakeDiscord.WaitUntilAsync(() => ml.Requests.Any(r => r.Path == "/webhook"), TimeSpan.FromSeconds(10), "the ML server to start training");
        await bot.RestartAsync();
        await bot.WaitForMessageAsync(WatchSteps.Channel, "Training finished");
        await bot.WaitForMessageAsync(WatchSteps.Channel, "New model version");
        await bot.RestartAsync();
        await bot.WaitForPollsAsync(project.Id, 3);

        Assert.Contains("Training started", started, StringComparison.Ordinal);
        Assert.Equal(1, bot.CountIn(WatchSteps.Channel, "Training finished"));
        Assert.Equal(1, bot.CountIn(WatchSteps.Channel, "New model version"));
        Assert.Equal(1, ml.TrainingsCompleted);
        Assert.Contains($"backend #{backend.Id}", await bot.RunAsync("watches"), StringComparison.Ordinal);
    }
}
