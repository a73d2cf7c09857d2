using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml train</c> through FakeDiscord's gateway and FakeLabelStudio, as an operator sees it.</summary>
[Collection(CapturedLogsGroup.Name)]
public sealed class TrainCommandTests
{
    [Fact]
    public async Task Train_says_who_started_it_then_replies_with_the_new_version_when_training_ends()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(1);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = WriteCommandKit.Text((await bot.FinalAnswerAsync(id)).Body);
        var resultsWhenStarted = bot.Discord.FollowUps.Count(m => m.ChannelOrInteraction == id);
        var result = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Contains("Training started", started, StringComparison.Ordinal);
        Assert.Contains($"<@{UserId}>", started, StringComparison.Ordinal);
        Assert.Contains("Model version before", started, StringComparison.Ordinal);
        Assert.Contains("0.0.1", started, StringComparison.Ordinal);
        Assert.Equal(0, resultsWhenStarted);
        Assert.Contains("Training finished", result, StringComparison.Ordinal);
        Assert.Contains("**0.0.1** → **0.0.2**", result, StringComparison.Ordinal);
        Assert.Contains("Took", result, StringComparison.Ordinal);
        Assert.Single(bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train"));
    }

    [Fact]
    public async Task Train_on_an_ML_server_without_START_TRAINING_says_the_version_is_unchanged_and_names_the_handler_it_needs()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.HandlesStartTraining = false;

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Contains("Training finished · model version unchanged", answer, StringComparison.Ordinal);
        Assert.Contains("START_TRAINING", answer, StringComparison.Ordinal);
        Assert.Contains("/webhook", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_that_breaks_the_model_reports_the_failure_with_Label_Studios_error()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingFails = true;
        ml.SetupFails = true;

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Contains("Training failed", answer, StringComparison.Ordinal);
        Assert.Contains(bot.LabelStudio.FindBackend(backend.Id)!.ErrorMessage!.Split('\n')[0], answer, StringComparison.Ordinal);
        Assert.Contains("ML server's log", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_whose_error_Label_Studio_masks_says_the_version_is_unchanged_and_points_to_the_log()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingFails = true;

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Contains("model version unchanged", answer, StringComparison.Ordinal);
        Assert.Contains("ML server's log", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("→", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_Label_Studio_waited_for_that_kept_a_fixed_version_says_it_finished_with_the_version_unchanged_and_why()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.NextModelVersion = version => version; // the SDK's examples set a constant model_version in setup()

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Equal(1, ml.TrainingsCompleted);
        Assert.Contains("Training finished · model version unchanged", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("No new model version", answer, StringComparison.Ordinal);
        Assert.Contains("setup()", answer, StringComparison.Ordinal);
        Assert.Contains("Training:ReportSecret", answer, StringComparison.Ordinal);
        Assert.Contains("0.0.1", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_that_outlasts_Label_Studios_wait_is_told_as_still_training_then_as_the_new_version_with_the_one_it_replaced()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string>
        {
            ["Training:LabelStudioWaitLimit"] = "00:00:01",
            ["Training:PollInterval"] = "00:00:00.200",
        });
        bot.LabelStudio.Options.PredictTimeout = TimeSpan.FromSeconds(1); // ML_TIMEOUT_PREDICT, which /train waits (ml/api_connector.py)
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(3);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = await bot.FinalAnswerAsync(id);
        var notice = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);
        Assert.Contains("Label Studio stopped waiting; still training on the ML server", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("No new model version", notice, StringComparison.Ordinal);
        Assert.Contains("ML_TIMEOUT_TRAIN", notice, StringComparison.Ordinal);
        var result = await ResultInChannelAsync(bot, TimeSpan.FromSeconds(20));

        var text = WriteCommandKit.Text(result.Body);
        Assert.Contains("Training finished", text, StringComparison.Ordinal);
        Assert.Contains("**0.0.1** → **0.0.2**", text, StringComparison.Ordinal);
        Assert.Equal(started.Id, result.Body["message_reference"]?["message_id"]?.GetValue<string>());
        Assert.Single(bot.Discord.FollowUps, m => m.ChannelOrInteraction == id);
        Assert.Single(bot.Discord.ChannelMessages, m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Train_when_the_ML_server_is_down_says_training_did_not_run_and_what_to_do()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.Health = MlServerHealth.Down;

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Contains("Training did not run", answer, StringComparison.Ordinal);
        Assert.Contains("What to do", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_train_while_the_first_runs_is_refused_with_who_started_it_and_when()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(3);

        var first = await bot.SlashAsync("train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(first);
        var second = await bot.SlashAsync("train", Option("backend", backend.Id));
        var refusal = await bot.ErrorInPlaceAsync(second);
        await bot.FinalAnswerAsync(first, followUp: true);
        var third = await bot.SlashAsync("train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(third, followUp: true);

        Assert.Contains("already training", refusal, StringComparison.Ordinal);
        Assert.Contains("alice", refusal, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<t:", refusal, StringComparison.Ordinal);
        Assert.Equal(2, bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train").Count());
        Assert.Equal(2, ml.TrainingsCompleted);
    }

    [Fact]
    public async Task A_result_after_the_interaction_token_expired_is_posted_in_the_channel_as_a_reply_to_the_start_message()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(1);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = await bot.FinalAnswerAsync(id);
        bot.Discord.ExpireInteraction(id);
        var result = await ResultInChannelAsync(bot);

        Assert.Contains("Training finished", WriteCommandKit.Text(result.Body), StringComparison.Ordinal);
        Assert.Equal(started.Id, result.Body["message_reference"]?["message_id"]?.GetValue<string>());
        Assert.Equal(ChannelId, result.ChannelOrInteraction);
        Assert.DoesNotContain(bot.Discord.FollowUps, m => m.ChannelOrInteraction == id);
    }

    [Fact]
    public async Task A_result_later_than_the_follow_up_window_goes_out_as_a_channel_message()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { ["Training:FollowUpWindow"] = "00:00:00" });
        var (backend, _) = await AddBackendAsync(bot, "yolo");

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = await bot.FinalAnswerAsync(id);
        var result = await ResultInChannelAsync(bot);

        Assert.Equal(started.Id, result.Body["message_reference"]?["message_id"]?.GetValue<string>());
        Assert.Contains("**0.0.1** → **0.0.2**", WriteCommandKit.Text(result.Body), StringComparison.Ordinal);
        Assert.Equal("[]", result.Body["allowed_mentions"]?["parse"]?.ToJsonString());
    }

    [Fact]
    public async Task Training_longer_than_the_train_time_limit_is_still_reported_once_its_new_version_appears()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string>
        {
            ["LabelStudio:TrainTimeout"] = "00:00:01",
            ["Training:PollInterval"] = "00:00:00.200",
        });
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(3);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = await bot.FinalAnswerAsync(id);
        var result = await ResultInChannelAsync(bot, TimeSpan.FromSeconds(20));

        var text = WriteCommandKit.Text(result.Body);
        Assert.Contains("Training finished", text, StringComparison.Ordinal);
        Assert.Contains("**0.0.1** → **0.0.2**", text, StringComparison.Ordinal);
        Assert.Contains("stopped waiting", text, StringComparison.Ordinal);
        Assert.Equal(started.Id, result.Body["message_reference"]?["message_id"]?.GetValue<string>());
        Assert.Single(bot.Discord.ChannelMessages, m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_result_whose_follow_up_is_in_flight_when_the_bot_stops_is_posted_in_the_channel_by_the_next_start()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(1);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = await bot.FinalAnswerAsync(id);
        bot.Discord.HangNextRequests("/webhooks/", 1);
        await FakeDiscord.WaitUntilAsync(() => bot.Discord.Requests.Any(r => r.Status == 0), TimeSpan.FromSeconds(15), "the result's follow-up to be under way");
        await bot.RestartAsync();
        var result = await ResultInChannelAsync(bot, TimeSpan.FromSeconds(15));

        Assert.Contains("**0.0.1** → **0.0.2**", WriteCommandKit.Text(result.Body), StringComparison.Ordinal);
        Assert.Equal(started.Id, result.Body["message_reference"]?["message_id"]?.GetValue<string>());
        Assert.DoesNotContain(bot.Discord.FollowUps, m => m.ChannelOrInteraction == id);
    }

    [Fact]
    public async Task A_result_delivered_as_a_follow_up_is_not_posted_in_the_channel_too_not_even_after_a_restart()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(id, followUp: true);
        await bot.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(bot.Discord.FollowUps, m => m.ChannelOrInteraction == id);
        Assert.DoesNotContain(bot.Discord.ChannelMessages, m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal));
        Assert.Equal(0, await bot.Host.Services.GetRequiredService<LabelStudioMl.Bot.Notifications.NotificationOutbox>().CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Training_in_flight_across_a_restart_is_finished_from_the_model_version_and_told_once()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { ["Training:PollInterval"] = "00:00:00.200" });
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(4);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = await bot.FinalAnswerAsync(id);
        await FakeDiscord.WaitUntilAsync(() => ml.Requests.Any(r => r.Path == "/webhook"), TimeSpan.FromSeconds(10), "the ML server to start training");
        await bot.RestartAsync();
        var result = await ResultInChannelAsync(bot, TimeSpan.FromSeconds(20));
        await bot.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));

        var text = WriteCommandKit.Text(result.Body);
        Assert.Contains("Training finished", text, StringComparison.Ordinal);
        Assert.Contains("**0.0.1** → **0.0.2**", text, StringComparison.Ordinal);
        Assert.Contains("restarted", text, StringComparison.Ordinal);
        Assert.Equal(started.Id, result.Body["message_reference"]?["message_id"]?.GetValue<string>());
        Assert.Single(bot.Discord.ChannelMessages, m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Discord.FollowUps, m => m.ChannelOrInteraction == id);
    }

    [Fact]
    public async Task Train_when_Label_Studio_is_down_answers_in_place_with_what_to_do()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");
        bot.LabelStudio.FailNextRequests(503, 100);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var error = await bot.ErrorInPlaceAsync(id);

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
        await using var bot = await BotHarness.StartAsync(BotHarness.InformationLogging());
        var (backend, ml) = await AddBackendAsync(bot, "yolo");

        var id = await bot.PushTwiceAsync([BotHarness.OperatorRole], "train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(id, followUp: true);
        await bot.SecondDeliveryDroppedAsync(id);

        Assert.Single(bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train"));
        Assert.Equal(1, ml.TrainingsCompleted);
    }

    [Fact]
    public async Task A_start_message_whose_edit_Discord_fails_is_shown_as_a_follow_up_and_nothing_says_training_failed()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, id, answers) = await TrainWhileDiscordFailsAsync(bot, failedFollowUps: 0);

        Assert.Contains("Training started", WriteCommandKit.Text(answers[0].Body), StringComparison.Ordinal);
        Assert.Equal(0, (answers[0].Body["flags"]?.GetValue<int>() ?? 0) & 64);
        Assert.Contains("**0.0.1** → **0.0.2**", WriteCommandKit.Text(answers[1].Body), StringComparison.Ordinal);
        Assert.DoesNotContain(answers, m => WriteCommandKit.Text(m.Body).Contains("Something went wrong", StringComparison.Ordinal));
        Assert.True(answers[0].IsFollowUp, "the start message went as a follow-up, which Discord applies as the edit of the deferral");
        Assert.Contains("Training started", WriteCommandKit.Text(bot.Discord.ShownOriginal(id)), StringComparison.Ordinal);
        Assert.Single(bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train"));
    }

    [Fact]
    public async Task A_start_message_Discord_refuses_twice_leaves_a_note_in_place_that_training_ran_and_the_result_follows()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, id, answers) = await TrainWhileDiscordFailsAsync(bot, failedFollowUps: 1);

        var note = WriteCommandKit.Text(answers[0].Body);
        Assert.Contains("/ml train ran, but its answer could not be shown", note, StringComparison.Ordinal);
        Assert.Contains("before you run it again", note, StringComparison.Ordinal);
        Assert.Contains("could not be shown", WriteCommandKit.Text(bot.Discord.ShownOriginal(id)), StringComparison.Ordinal);
        Assert.Contains("**0.0.1** → **0.0.2**", WriteCommandKit.Text(answers[1].Body), StringComparison.Ordinal);
        Assert.Single(bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train"));
    }

    [Fact]
    public async Task Training_whose_start_message_cannot_be_shown_at_all_posts_its_result_in_the_channel_without_waiting()
    {
        await using var bot = await BotHarness.StartAsync(BotHarness.InformationLogging());
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(1);
        bot.Discord.CallbackRecorded += (_, callback) => bot.Discord.ExpireInteraction(callback.InteractionId);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var result = await ResultInChannelAsync(bot, TimeSpan.FromSeconds(15));

        Assert.Contains("**0.0.1** → **0.0.2**", WriteCommandKit.Text(result.Body), StringComparison.Ordinal);
        Assert.Null(result.Body["message_reference"]);
        Assert.Contains(bot.Logs.Messages, l => l.Contains("ran, but its reply could not be shown", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Discord.FollowUps, m => m.ChannelOrInteraction == id);
        Assert.Single(bot.LabelStudio.MlCalls("POST", $"/api/ml/{backend.Id}/train"));
    }

    /// <summary>
    /// <c>/ml train</c> of a 1-second training while Discord fails the next <c>@original</c> edit (with every repeat of
    /// it) and the next <paramref name="failedFollowUps"/> follow-ups (never repeated: they have no nonce); returns the
    /// interaction's first two follow-ups that got through.
    /// </summary>
    private static async Task<(FakeBackend Backend, string Id, List<RecordedMessage> Answers)> TrainWhileDiscordFailsAsync(BotHarness bot, int failedFollowUps)
    {
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.TrainingDuration = TimeSpan.FromSeconds(1);
        bot.Discord.FailNextOriginalEdits(1 + new LabelStudioMl.Bot.Discord.DiscordSettings().MaxServerErrorRetries);
        bot.Discord.FailNextFollowUps(failedFollowUps);

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        List<RecordedMessage> Shown() =>
            [.. bot.Discord.OriginalEdits.Where(m => m.ChannelOrInteraction == id), .. bot.Discord.FollowUps.Where(m => m.ChannelOrInteraction == id)];
        await FakeDiscord.WaitUntilAsync(
            () => Shown().Count >= 2, TimeSpan.FromSeconds(20), "the start message or the note in place of the deferral, then the result");
        return (backend, id, Shown());
    }

    private static async Task<RecordedMessage> ResultInChannelAsync(BotHarness bot, TimeSpan? timeout = null)
    {
        RecordedMessage? found = null;
        await FakeDiscord.WaitUntilAsync(
            () => (found = bot.Discord.ChannelMessages.FirstOrDefault(m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal))) is not null,
            timeout ?? TimeSpan.FromSeconds(20), "the training result in the channel");
        return found!;
    }

    private static async Task<(FakeBackend Backend, FakeMlServer Ml)> AddBackendAsync(BotHarness bot, string title)
    {
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        return (bot.LabelStudio.AddBackend(project.Id, ml.Url, title), ml);
    }
}
