using System.Net.Http.Headers;
using Dapper;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.Watch;
using Microsoft.Extensions.DependencyInjection;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// The watcher against FakeLabelStudio's ML servers changing state, as the channel reads it on FakeDiscord: damped
/// alerts, recovery, new model versions, Label Studio going away and coming back, mentions, grouping.
/// </summary>
public sealed class BackendWatcherTests
{
    [Fact]
    public async Task An_error_is_posted_once_it_held_for_two_polls_with_the_error_message()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, backend, ml) = await bot.AddBackendAsync("yolo");
        await bot.RunAsync("watch", Option("backend", backend.Id));
        var pollsBefore = bot.PollsOf(project.Id);

        ml.SetupFails = true;
        var alert = await bot.WaitForMessageAsync(WatchSteps.Channel, WatchSteps.ErrorTitle);

        Assert.True(bot.PollsOf(project.Id) - pollsBefore >= 2, "the error was confirmed by a second poll before it was posted");
        var text = WriteCommandKit.Text(alert.Body);
        Assert.Contains($"🔴 Error · #{backend.Id} yolo · {project.Title}", text, StringComparison.Ordinal);
        Assert.Contains("500 Server Error", text, StringComparison.Ordinal);
        Assert.Null(alert.Content);
        await bot.WaitForPollsAsync(project.Id, 3);
        Assert.Equal(1, bot.CountIn(WatchSteps.Channel, WatchSteps.ErrorTitle));
    }

    [Fact]
    public async Task A_one_poll_blip_posts_nothing_while_a_lasting_error_after_it_is_posted()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, backend, ml) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id));

        ml.FailNextSetups(1);
        await bot.WaitForPollsAsync(project.Id, 4);

        Assert.Empty(bot.MessagesIn(WatchSteps.Channel));
        Assert.Equal(new StoredState("CO", null, 0), await bot.StoredStateAsync(backend.Id));
        ml.SetupFails = true;
        await bot.WaitForMessageAsync(WatchSteps.Channel, WatchSteps.ErrorTitle);
        Assert.Single(bot.MessagesIn(WatchSteps.Channel));
    }

    [Fact]
    public async Task Recovery_to_connected_is_posted_once_after_an_error()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, backend, ml) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id));
        ml.SetupFails = true;
        await bot.WaitForMessageAsync(WatchSteps.Channel, WatchSteps.ErrorTitle);

        ml.SetupFails = false;
        var recovered = WriteCommandKit.Text((await bot.WaitForMessageAsync(WatchSteps.Channel, "Recovered · ")).Body);

        Assert.Contains("Connected again (was Error)", recovered, StringComparison.Ordinal);
        await bot.WaitForPollsAsync(project.Id, 3);
        Assert.Equal(1, bot.CountIn(WatchSteps.Channel, "Recovered · "));
    }

    [Fact]
    public async Task A_disconnected_ML_server_is_posted_and_says_what_to_do()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, ml) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id));

        ml.Health = MlServerHealth.Down;
        var text = WriteCommandKit.Text((await bot.WaitForMessageAsync(WatchSteps.Channel, "Disconnected · ")).Body);

        Assert.Contains("/health", text, StringComparison.Ordinal);
        Assert.Contains("What to do", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_version_changed_outside_the_bot_is_posted_once()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, backend, ml) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("project", project.Id));

        ml.ModelVersion = "0.0.2";
        var text = WriteCommandKit.Text((await bot.WaitForMessageAsync(WatchSteps.Channel, "New model version")).Body);

        Assert.Contains($"#{backend.Id}", text, StringComparison.Ordinal);
        Assert.Contains("**0.0.1** → **0.0.2**", text, StringComparison.Ordinal);
        await bot.WaitForPollsAsync(project.Id, 3);
        Assert.Single(bot.MessagesIn(WatchSteps.Channel));
    }

    [Fact]
    public async Task Label_Studio_unreachable_and_back_is_one_message_each_per_channel_not_one_per_backend()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, _, ml) = await bot.AddBackendAsync();
        var second = bot.LabelStudio.AddBackend(project.Id, ml.Url, "second");
        bot.LabelStudio.AddBackend(project.Id, ml.Url, "third");
        await bot.RunAsync("watch", Option("project", project.Id));
        await bot.RunInAsync(WatchSteps.OtherChannel, "watch", Option("backend", second.Id));

        bot.LabelStudio.FailNextRequests(503, 1_000_000);
        await bot.WaitForMessageAsync(WatchSteps.Channel, "Label Studio unreachable");
        await bot.WaitForMessageAsync(WatchSteps.OtherChannel, "Label Studio unreachable");
        await bot.WaitForPollsAsync(project.Id, 3);
        bot.LabelStudio.FailNextRequests(503, 0);
        await bot.WaitForMessageAsync(WatchSteps.Channel, "Label Studio reachable again");
        await bot.WaitForMessageAsync(WatchSteps.OtherChannel, "Label Studio reachable again");
        await bot.WaitForPollsAsync(project.Id, 3);

        foreach (var channel in new[] { WatchSteps.Channel, WatchSteps.OtherChannel })
        {
            Assert.Equal(2, bot.MessagesIn(channel).Count);
            Assert.Equal(1, bot.CountIn(channel, "Label Studio unreachable"));
            Assert.Equal(1, bot.CountIn(channel, "Label Studio reachable again"));
        }
    }

    [Fact]
    public async Task Label_Studio_refusing_the_bot_key_is_told_once_and_so_is_the_fix()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, _, _) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("project", project.Id));

        bot.LabelStudio.Options.LegacyTokensEnabled = false;
        var refused = WriteCommandKit.Text((await bot.WaitForMessageAsync(WatchSteps.Channel, "Label Studio refuses the bot's access")).Body);
        await bot.WaitForPollsAsync(project.Id, 3);
        bot.LabelStudio.Options.LegacyTokensEnabled = true;
        await bot.WaitForMessageAsync(WatchSteps.Channel, "Label Studio reachable again");

        Assert.Contains("LabelStudio:ApiKey", refused, StringComparison.Ordinal);
        Assert.Equal(2, bot.MessagesIn(WatchSteps.Channel).Count);
    }

    [Fact]
    public async Task A_watch_with_a_mention_pings_that_role_alone()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, ml) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id), IdOption("mention", 8, WatchSteps.OnCallRole));

        ml.SetupFails = true;
        var alert = await bot.WaitForMessageAsync(WatchSteps.Channel, WatchSteps.ErrorTitle);

        Assert.Equal($"<@&{WatchSteps.OnCallRole}>", alert.Content);
        var mentions = alert.Body["allowed_mentions"]!.AsObject();
        Assert.Equal([WatchSteps.OnCallRole], mentions["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Empty(mentions["parse"]?.AsArray() ?? []);
        Assert.Null(mentions["users"]);
    }

    [Fact]
    public async Task Many_changes_in_one_poll_share_messages_of_ten_embeds_and_a_backend_watched_twice_is_reported_once()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, first, ml) = await bot.AddBackendAsync("model-1");
        for (var i = 2; i <= 12; i++)
            bot.LabelStudio.AddBackend(project.Id, ml.Url, $"model-{i}");
        await bot.RunAsync("watch", Option("project", project.Id));
        await bot.RunAsync("watch", Option("backend", first.Id));

        ml.SetupFails = true;
        await FakeDiscord.WaitUntilAsync(() => bot.MessagesIn(WatchSteps.Channel).Sum(m => m.Embeds.Count) >= 12, TimeSpan.FromSeconds(30), "twelve alerts");
        await bot.WaitForPollsAsync(project.Id, 3);

        Assert.Equal([10, 2], bot.MessagesIn(WatchSteps.Channel).Select(m => m.Embeds.Count));
        Assert.Equal(1, bot.MessagesIn(WatchSteps.Channel).SelectMany(m => m.Embeds).Count(e => e!["title"]!.GetValue<string>().Contains($"#{first.Id} model-1 ", StringComparison.Ordinal)));
        ReadCommandSteps.AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task A_removed_backend_is_noted_once_and_its_watch_stops()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, _) = await bot.AddBackendAsync("yolo");
        await bot.RunAsync("watch", Option("backend", backend.Id));

        await DeleteBackendInLabelStudioAsync(bot.LabelStudio, backend.Id);
        var note = WriteCommandKit.Text((await bot.WaitForMessageAsync(WatchSteps.Channel, "Removed · ")).Body);

        Assert.Contains($"#{backend.Id} yolo", note, StringComparison.Ordinal);
        Assert.Contains("the backend was removed from Label Studio", await bot.RunAsync("watches"), StringComparison.Ordinal);
        Assert.Single(bot.MessagesIn(WatchSteps.Channel));
    }

    [Fact]
    public async Task A_project_Label_Studio_no_longer_knows_is_noted_once_and_its_watches_stop()
    {
        await using var bot = await WatchSteps.StartAsync();
        var store = bot.Host.Services.GetRequiredService<WatchStore>();
        await store.SubscribeAsync(TestSubscriptions.OfProject(WatchSteps.Channel, 404), [], CancellationToken.None);

        var note = WriteCommandKit.Text((await bot.WaitForMessageAsync(WatchSteps.Channel, "Project gone")).Body);
        await bot.WaitUntilDisabledAsync(WatchSteps.Channel);

        Assert.Contains("project 404", note, StringComparison.Ordinal);
        Assert.Contains("no longer knows the project", await bot.RunAsync("watches"), StringComparison.Ordinal);
        Assert.Single(bot.MessagesIn(WatchSteps.Channel));
    }

    [Fact]
    public async Task A_channel_Discord_refuses_disables_its_watches_with_the_reason()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, ml) = await bot.AddBackendAsync();
        await bot.RunInAsync(WatchSteps.OtherChannel, "watch", Option("backend", backend.Id));
        bot.Discord.RefuseChannel(WatchSteps.OtherChannel, 403, 50001);

        ml.SetupFails = true;
        await bot.WaitUntilDisabledAsync(WatchSteps.OtherChannel);
        var watches = await bot.RunInAsync(WatchSteps.OtherChannel, "watches");

        Assert.Contains("⛔", watches, StringComparison.Ordinal);
        Assert.Contains("Discord refused posting here", watches, StringComparison.Ordinal);
        Assert.Empty(bot.MessagesIn(WatchSteps.OtherChannel));
    }

    [Fact]
    public async Task A_poll_that_fails_unexpectedly_stops_neither_the_watcher_nor_the_bot()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, backend, _) = await bot.AddBackendAsync("yolo");
        await bot.RunAsync("watch", Option("backend", backend.Id));
        await using (var connection = await bot.Host.Services.GetRequiredService<BotDatabase>().OpenAsync())
            await connection.ExecuteAsync("DROP TABLE backend_states");

        await bot.WaitForPollsAsync(project.Id, 3);

        Assert.Contains("yolo", await bot.RunAsync("get", Option("backend", backend.Id)), StringComparison.Ordinal);
    }

    private static async Task DeleteBackendInLabelStudioAsync(FakeLabelStudio labelStudio, int backendId)
    {
        using var http = new HttpClient { BaseAddress = labelStudio.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/ml/{backendId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", labelStudio.LegacyToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
