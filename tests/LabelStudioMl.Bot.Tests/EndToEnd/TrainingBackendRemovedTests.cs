using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.LabelStudioFake;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// A backend removed while it trains: the run ends with "backend was removed", posted where its result would have
/// gone, and never silently. While Label Studio still holds the <c>/train</c> call, <c>/ml remove</c> is refused,
/// since Label Studio saves the backend again when that call returns (<c>MlTrainTests</c> shows the fake doing so).
/// </summary>
public sealed class TrainingBackendRemovedTests
{
    private static readonly Dictionary<string, string> ShortWait = new(StringComparer.Ordinal)
    {
        ["Training:LabelStudioWaitLimit"] = "00:00:01",
        ["Training:PollInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task A_backend_removed_in_Label_Studio_after_it_stopped_waiting_ends_the_run_in_reply_to_the_start_message()
    {
        await using var bot = await BotHarness.StartAsync(ShortWait);
        var (backend, id, started) = await TrainBeyondLabelStudiosWaitAsync(bot);

        using (var labelStudio = LsTestKit.Client(bot.LabelStudio))
            (await labelStudio.DeleteAsync($"api/ml/{backend.Id}")).EnsureSuccessStatusCode();
        var ended = await TrainingMessageInChannelAsync(bot);

        var text = WriteCommandKit.Text(ended.Body);
        Assert.Contains($"Training ended · backend #{backend.Id} was removed", text, StringComparison.Ordinal);
        Assert.Contains("/ml add", text, StringComparison.Ordinal);
        Assert.Equal(started.Id, ended.Body["message_reference"]?["message_id"]?.GetValue<string>());
        await Task.Delay(TimeSpan.FromMilliseconds(600)); // three more polls: the run is over, nothing more is posted
        Assert.Single(bot.Discord.ChannelMessages, m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal));
        Assert.Single(bot.Discord.FollowUps, m => m.ChannelOrInteraction == id);
    }

    [Fact]
    public async Task Remove_while_Label_Studio_still_waits_for_the_ML_server_is_refused_and_the_result_still_comes()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot);
        ml.TrainingDuration = TimeSpan.FromSeconds(2);

        var train = await bot.SlashAsync("train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(train);
        var refusal = await bot.ErrorInPlaceAsync(await bot.AdminAsync("remove", Option("backend", backend.Id)));
        var result = WriteCommandKit.Text((await bot.FinalAnswerAsync(train, followUp: true)).Body);

        Assert.Contains($"Backend #{backend.Id} is training", refusal, StringComparison.Ordinal);
        Assert.Contains("Label Studio saves the backend again", refusal, StringComparison.Ordinal);
        Assert.Contains("Training finished", result, StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.MlCalls("DELETE", $"/api/ml/{backend.Id}"));
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
    }

    [Fact]
    public async Task A_confirmation_pressed_after_training_started_is_canceled_saying_why()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot);
        ml.TrainingDuration = TimeSpan.FromSeconds(2);

        var prompt = await bot.FinalAnswerAsync(await bot.AdminAsync("remove", Option("backend", backend.Id)));
        var train = await bot.SlashAsync("train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(train);
        var press = await bot.PressAsync(WriteCommandKit.Button(prompt, "yes"));
        await bot.CallbackAsync(press);
        var shown = bot.Discord.ShownOriginal(press)!["content"]!.GetValue<string>();
        await bot.FinalAnswerAsync(train, followUp: true);

        Assert.StartsWith($"Canceled — Backend #{backend.Id} is training", shown, StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.MlCalls("DELETE", $"/api/ml/{backend.Id}"));
        Assert.Contains(await bot.AuditAsync("remove", "refused"), a => a.BackendId == backend.Id);
    }

    [Fact]
    public async Task Remove_confirmed_after_Label_Studio_stopped_waiting_ends_the_run_at_once_and_the_poll_tells_nothing_more()
    {
        await using var bot = await BotHarness.StartAsync(ShortWait);
        var (backend, _, started) = await TrainBeyondLabelStudiosWaitAsync(bot);

        var remove = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var outcome = await bot.FinalAnswerAsync(await bot.PressAsync(WriteCommandKit.Button(await bot.FinalAnswerAsync(remove), "yes")));
        var ended = await TrainingMessageInChannelAsync(bot);
        await Task.Delay(TimeSpan.FromMilliseconds(600));

        Assert.Equal($"Removed #{backend.Id} yolo", outcome.Content);
        Assert.Contains("was removed", WriteCommandKit.Text(ended.Body), StringComparison.Ordinal);
        Assert.Equal(started.Id, ended.Body["message_reference"]?["message_id"]?.GetValue<string>());
        Assert.Single(bot.Discord.ChannelMessages, m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backend_gone_when_the_bot_reads_it_after_train_returned_ends_the_run_as_a_follow_up()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot);
        ml.TrainingDuration = TimeSpan.FromSeconds(1);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(id);
        await FakeDiscord.WaitUntilAsync(() => ml.Requests.Any(r => r.Path == "/webhook"), TimeSpan.FromSeconds(10), "the START_TRAINING webhook");
        // Removed right after /train returned: the bot's read of the backend is Label Studio's 404.
        bot.LabelStudio.FailNextRequestsWithDetail(404, "Not found.");
        var ended = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Contains($"Training ended · backend #{backend.Id} was removed", ended, StringComparison.Ordinal);
        Assert.Contains("Took", ended, StringComparison.Ordinal);
    }

    /// <summary>Training of 3 s that Label Studio gives up on after 1 s: the start message and the "still training" notice are shown.</summary>
    private static async Task<(FakeBackend Backend, string Interaction, RecordedMessage Started)> TrainBeyondLabelStudiosWaitAsync(BotHarness bot)
    {
        bot.LabelStudio.Options.PredictTimeout = TimeSpan.FromSeconds(1); // ML_TIMEOUT_PREDICT, which /train waits (ml/api_connector.py)
        var (backend, ml) = await AddBackendAsync(bot);
        ml.TrainingDuration = TimeSpan.FromSeconds(3);
        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = await bot.FinalAnswerAsync(id);
        var notice = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);
        Assert.Contains("still training on the ML server", notice, StringComparison.Ordinal);
        return (backend, id, started);
    }

    private static async Task<RecordedMessage> TrainingMessageInChannelAsync(BotHarness bot)
    {
        RecordedMessage? found = null;
        await FakeDiscord.WaitUntilAsync(
            () => (found = bot.Discord.ChannelMessages.FirstOrDefault(m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal))) is not null,
            TimeSpan.FromSeconds(20), "a training message in the channel");
        return found!;
    }

    private static async Task<(FakeBackend Backend, FakeMlServer Ml)> AddBackendAsync(BotHarness bot)
    {
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        return (bot.LabelStudio.AddBackend(project.Id, ml.Url, "yolo"), ml);
    }
}
