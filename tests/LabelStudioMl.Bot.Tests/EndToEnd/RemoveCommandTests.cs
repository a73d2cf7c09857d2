using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml remove</c> and its Remove/Cancel buttons through FakeDiscord's gateway and FakeLabelStudio.</summary>
[Collection(CapturedLogsGroup.Name)]
public sealed class RemoveCommandTests
{
    [Fact]
    public async Task Remove_asks_first_and_removes_only_when_the_invoker_confirms()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var prompt = await bot.FinalAnswerAsync(id);
        var deletesBeforeConfirm = bot.LabelStudio.MlCalls("DELETE", $"/api/ml/{backend.Id}").Count();
        var press = await bot.PressAsync(WriteCommandKit.Button(prompt, "yes"));
        var pressCallback = await bot.CallbackAsync(press);
        var outcome = await bot.FinalAnswerAsync(press);

        Assert.Contains($"Remove #{backend.Id} yolo?", WriteCommandKit.Text(prompt.Body), StringComparison.Ordinal);
        Assert.Equal(0, deletesBeforeConfirm);
        Assert.Equal(7, pressCallback.Type);
        Assert.Equal($"Removed #{backend.Id} yolo", outcome.Content);
        Assert.Empty(outcome.Body["components"]!.AsArray());
        Assert.Equal($"Removed #{backend.Id} yolo", bot.Discord.ShownOriginal(press)!["content"]!.GetValue<string>());
        Assert.Null(bot.LabelStudio.FindBackend(backend.Id));
        Assert.Contains(await bot.AuditAsync("remove", "removed"), a => a.Command == "remove" && a.Outcome == "removed" && a.BackendId == backend.Id);
    }

    [Fact]
    public async Task A_removal_Label_Studio_refuses_shows_the_error_alone_without_the_Removing_line()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var prompt = await bot.FinalAnswerAsync(id);
        bot.LabelStudio.FailNextRequests(503, 100);
        var press = await bot.PressAsync(WriteCommandKit.Button(prompt, "yes"));
        await bot.FinalAnswerAsync(press);

        var shown = bot.Discord.ShownOriginal(press)!;
        Assert.Equal("", shown["content"]!.GetValue<string>());
        Assert.Contains("What to do", WriteCommandKit.Text(shown["embeds"]), StringComparison.Ordinal);
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
    }

    [Fact]
    public async Task A_confirm_by_the_invoker_who_lost_the_admin_role_since_removes_nothing_and_says_why()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var press = await bot.PressAsync(WriteCommandKit.Button(await bot.FinalAnswerAsync(id), "yes"), roles: [BotHarness.OperatorRole]);
        var callback = await bot.CallbackAsync(press);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("admin", WriteCommandKit.Text(callback.Body), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
        Assert.Empty(bot.LabelStudio.MlCalls("DELETE", $"/api/ml/{backend.Id}"));
    }

    [Theory]
    [InlineData("direct message")]
    [InlineData("other server")]
    [InlineData("other channel")]
    public async Task A_confirm_pressed_anywhere_but_where_remove_ran_removes_nothing(string where)
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { ["Access:DirectMessageUsers:" + UserId] = "Admin" });
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var yes = WriteCommandKit.Button(await bot.FinalAnswerAsync(id), "yes");
        var press = ButtonPress(yes);
        press["member"]!["roles"] = new JsonArray(BotHarness.AdminRole, BotHarness.OperatorRole);
        switch (where)
        {
            case "direct message":
                press = InDirectMessage(press);
                break;
            case "other server":
                press["guild_id"] = "1100000000000009999";
                break;
            default:
                press["channel_id"] = "1100000000000000299";
                press["channel"] = new JsonObject { ["id"] = "1100000000000000299", ["type"] = 0 };
                break;
        }

        var pressId = await bot.Discord.PushInteractionAsync(press);
        var callback = await bot.CallbackAsync(pressId);

        Assert.True(callback.Ephemeral);
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
        Assert.Empty(bot.LabelStudio.MlCalls("DELETE", $"/api/ml/{backend.Id}"));
    }

    [Fact]
    public async Task Cancel_keeps_the_backend_and_the_message_says_Canceled_without_buttons()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var press = await bot.PressAsync(WriteCommandKit.Button(await bot.FinalAnswerAsync(id), "no"));
        var callback = await bot.CallbackAsync(press);

        Assert.Equal(7, callback.Type);
        Assert.Equal("Canceled", callback.Body["data"]!["content"]!.GetValue<string>());
        Assert.Empty(callback.Body["data"]!["components"]!.AsArray());
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
        Assert.Empty(bot.LabelStudio.MlCalls("DELETE", $"/api/ml/{backend.Id}"));
    }

    [Fact]
    public async Task Another_members_press_is_refused_privately_and_the_invoker_can_still_confirm()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var yes = WriteCommandKit.Button(await bot.FinalAnswerAsync(id), "yes");
        var intruder = await bot.PressAsync(yes, WriteCommandKit.OtherUserId);
        var refusal = await bot.CallbackAsync(intruder);
        var stillThere = bot.LabelStudio.FindBackend(backend.Id) is not null;
        var invoker = await bot.PressAsync(yes);
        var outcome = await bot.FinalAnswerAsync(invoker);

        Assert.Equal(4, refusal.Type);
        Assert.True(refusal.Ephemeral);
        Assert.Contains("Only Alice can confirm", WriteCommandKit.Text(refusal.Body), StringComparison.Ordinal);
        Assert.True(stillThere);
        Assert.Equal($"Removed #{backend.Id} yolo", outcome.Content);
        Assert.Single(bot.LabelStudio.MlCalls("DELETE", $"/api/ml/{backend.Id}"));
    }

    [Fact]
    public async Task An_unanswered_confirmation_expires_to_Canceled_and_its_buttons_then_remove_nothing()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { ["Commands:ConfirmationTimeout"] = "00:00:01" });
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var yes = WriteCommandKit.Button(await bot.FinalAnswerAsync(id), "yes");
        await FakeDiscord.WaitUntilAsync(() => bot.Discord.OriginalEdits.Any(m => m.ChannelOrInteraction == id && m.Content == "Canceled"),
            TimeSpan.FromSeconds(20), "the expired prompt to read Canceled");
        var expired = bot.Discord.OriginalEdits.Last(m => m.ChannelOrInteraction == id);
        var late = await bot.CallbackAsync(await bot.PressAsync(yes));

        Assert.Empty(expired.Embeds);
        Assert.Empty(expired.Body["components"]!.AsArray());
        Assert.StartsWith("Canceled", late.Body["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
        Assert.Empty(bot.LabelStudio.MlCalls("DELETE", $"/api/ml/{backend.Id}"));
    }

    [Fact]
    public async Task Remove_of_an_unknown_backend_answers_in_place_without_buttons()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.AdminAsync("remove", Option("backend", 4242));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("/ml list", error, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Discord.OriginalEdits, m => m.ChannelOrInteraction == id && m.Body["components"] is JsonArray { Count: > 0 });
    }

    [Fact]
    public async Task Remove_when_Label_Studio_is_down_answers_in_place_with_what_to_do()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");
        bot.LabelStudio.FailNextRequests(503, 100);

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("What to do", error, StringComparison.Ordinal);
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
    }

    [Fact]
    public async Task Remove_when_Label_Studio_is_slower_than_three_seconds_is_deferred_first()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "slow");
        bot.LabelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(4);

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        var callback = await bot.CallbackAsync(id);
        var editsWhenDeferred = bot.Discord.OriginalEdits.Count;
        var prompt = await bot.FinalAnswerAsync(id);

        Assert.Equal(5, callback.Type);
        Assert.Equal(0, editsWhenDeferred);
        Assert.Contains($"Remove #{backend.Id} slow?", WriteCommandKit.Text(prompt.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_by_an_operator_is_denied_privately_without_any_call()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.SlashAsync("remove", Option("backend", backend.Id));

        await bot.AssertAnsweredAtOnceAsync(id, "admin");
        Assert.Empty(bot.LabelStudio.MlCalls("GET", $"/api/ml/{backend.Id}"));
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
    }

    [Fact]
    public async Task Remove_in_a_direct_message_is_denied()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.InDirectMessageAsync("remove", Option("backend", 1));

        await bot.AssertAnsweredAtOnceAsync(id, "direct messages");
    }

    [Fact]
    public async Task Remove_delivered_twice_asks_once()
    {
        await using var bot = await BotHarness.StartAsync(BotHarness.InformationLogging());
        var backend = await AddBackendAsync(bot, "yolo");

        var id = await bot.PushTwiceAsync([BotHarness.AdminRole], "remove", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(id);
        await bot.SecondDeliveryDroppedAsync(id);

        Assert.Single(bot.Discord.InteractionCallbacks, c => c.InteractionId == id);
        Assert.Single(bot.LabelStudio.MlCalls("GET", $"/api/ml/{backend.Id}"));
    }

    [Fact]
    public async Task Remove_also_removes_the_project_webhook_Label_Studio_created_for_the_backend()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");
        var created = bot.LabelStudio.AddWebhook(backend.ProjectId, backend.Url + "/webhook");
        var usersOwn = bot.LabelStudio.AddWebhook(backend.ProjectId, "http://hooks.example.com/notify");

        var outcome = await ConfirmRemovalAsync(bot, backend);

        Assert.Equal($"Removed #{backend.Id} yolo. Also removed the project webhook `{created.Url}` that Label Studio created for it.", outcome.Content);
        Assert.Equal(usersOwn, Assert.Single(bot.LabelStudio.Webhooks));
        Assert.Null(bot.LabelStudio.FindBackend(backend.Id));
    }

    [Fact]
    public async Task Remove_keeps_the_project_webhook_while_another_backend_of_the_project_uses_that_ML_server()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");
        var sibling = bot.LabelStudio.AddBackend(backend.ProjectId, new Uri(backend.Url + "/"), "yolo-interactive");
        var webhook = bot.LabelStudio.AddWebhook(backend.ProjectId, backend.Url + "/webhook");

        var outcome = await ConfirmRemovalAsync(bot, backend);

        Assert.StartsWith($"Removed #{backend.Id} yolo. Kept the project webhook `{webhook.Url}`", outcome.Content, StringComparison.Ordinal);
        Assert.Contains($"#{sibling.Id}", outcome.Content, StringComparison.Ordinal);
        Assert.Equal(webhook, Assert.Single(bot.LabelStudio.Webhooks));
    }

    [Fact]
    public async Task Remove_still_counts_when_the_webhook_cannot_be_deleted_and_says_how_to_remove_it()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot, "yolo");
        var webhook = bot.LabelStudio.AddWebhook(backend.ProjectId, backend.Url + "/webhook");
        bot.LabelStudio.FailNextRequests(403, 100, "/api/webhooks/");

        var outcome = await ConfirmRemovalAsync(bot, backend);

        Assert.StartsWith($"Removed #{backend.Id} yolo. The project webhook `{webhook.Url}` that Label Studio created for it was left", outcome.Content, StringComparison.Ordinal);
        Assert.Contains("Project → Settings → Webhooks", outcome.Content, StringComparison.Ordinal);
        Assert.Null(bot.LabelStudio.FindBackend(backend.Id));
        Assert.Equal(webhook, Assert.Single(bot.LabelStudio.Webhooks));
        Assert.Contains(await bot.AuditAsync("remove", "removed"), a => a.Outcome == "removed" && a.BackendId == backend.Id);
    }

    private static async Task<RecordedMessage> ConfirmRemovalAsync(BotHarness bot, FakeBackend backend)
    {
        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        return await bot.FinalAnswerAsync(await bot.PressAsync(WriteCommandKit.Button(await bot.FinalAnswerAsync(id), "yes")));
    }

    private static async Task<FakeBackend> AddBackendAsync(BotHarness bot, string title)
    {
        var project = bot.LabelStudio.AddProject("Cars");
        return bot.LabelStudio.AddBackend(project.Id, (await bot.LabelStudio.StartMlServerAsync()).Url, title);
    }
}
