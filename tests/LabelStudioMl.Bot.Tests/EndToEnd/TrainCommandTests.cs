using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml train</c> through FakeDiscord's gateway and FakeLabelStudio, as an operator sees it.</summary>
[Collection(CapturedLog.CollectionName)]
public sealed class TrainCommandTests
{
    [Fact]
    public async Task Train_reports_the_model_version_before_and_after()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id)).Body);

        Assert.Contains("Trained", answer, StringComparison.Ordinal);
        Assert.Contains("**v0.0.1** → **v0.0.2**", answer, StringComparison.Ordinal);
        Assert.Single(bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train"));
    }

    [Fact]
    public async Task Train_on_an_ML_server_without_START_TRAINING_says_no_new_version_and_why()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.HandlesStartTraining = false;

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id)).Body);

        Assert.Contains("No new model version", answer, StringComparison.Ordinal);
        Assert.Contains("START_TRAINING", answer, StringComparison.Ordinal);
        Assert.Contains("/webhook", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_that_fails_on_the_ML_server_points_to_its_log()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingFails = true;

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id)).Body);

        Assert.Contains("No new model version", answer, StringComparison.Ordinal);
        Assert.Contains("ML server's log", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("→", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_when_the_ML_server_is_down_says_training_did_not_start_and_what_to_do()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.Health = MlServerHealth.Down;

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id)).Body);

        Assert.Contains("Training did not start", answer, StringComparison.Ordinal);
        Assert.Contains("What to do", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_when_Label_Studio_is_down_answers_privately_with_what_to_do()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");
        bot.LabelStudio.FailNextRequests(503, 100);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var error = await bot.PrivateErrorAsync(id);

        Assert.Contains("What to do", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_when_Label_Studio_is_slower_than_three_seconds_is_deferred_first()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "slow");
        bot.LabelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(4);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var callback = await bot.CallbackAsync(id);
        var editsWhenDeferred = bot.Discord.OriginalEdits.Count;
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Equal(5, callback.Type);
        Assert.Equal(0, editsWhenDeferred);
        Assert.Contains("slow", WriteCommandKit.Text(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_by_a_viewer_is_denied_privately_without_any_call()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");

        var id = await bot.SlashAsAsync([WriteCommandKit.ViewerRole], "train", Option("backend", backend.Id));

        await bot.AssertAnsweredAtOnceAsync(id, "operate");
        Assert.Empty(bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train"));
    }

    [Fact]
    public async Task Train_in_a_direct_message_is_denied()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.InDirectMessageAsync("train", Option("backend", 1));

        await bot.AssertAnsweredAtOnceAsync(id, "direct messages");
        Assert.Empty(bot.LabelStudio.MlCalls("POST", "/api/ml/1/train"));
    }

    [Fact]
    public async Task Train_delivered_twice_trains_once()
    {
        await using var bot = await BotHarness.StartAsync(CapturedLog.Settings(out var logKey));
        var (backend, ml) = await AddBackendAsync(bot, "yolo");

        var id = await bot.PushTwiceAsync([BotHarness.OperatorRole], "train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(id);
        await WriteCommandKit.SecondDeliveryDroppedAsync(logKey, id);

        Assert.Single(bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train"));
        Assert.Equal(1, ml.TrainingsCompleted);
    }

    private static async Task<(FakeBackend Backend, FakeMlServer Ml)> AddBackendAsync(BotHarness bot, string title)
    {
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        return (bot.LabelStudio.AddBackend(project.Id, ml.Url, title), ml);
    }
}
