using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml update</c> through FakeDiscord's gateway and FakeLabelStudio, as an admin sees it.</summary>
[Collection(CapturedLogsGroup.Name)]
public sealed class UpdateCommandTests
{
    [Fact]
    public async Task Update_changes_only_what_was_named_and_says_what_changed()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");
        backend.Description = "keeps this";
        var moved = await bot.LabelStudio.StartMlServerAsync();

        var id = await bot.AdminAsync("update", Option("backend", backend.Id), Option("title", "yolo-v9"), Option("url", moved.Url.ToString()));
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Equal("Changed: url, title", answer.Content);
        Assert.StartsWith($"🟢 #{backend.Id} yolo-v9", answer.Embeds.Single()!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("yolo-v9", backend.Title);
        Assert.Equal(moved.Url.ToString().TrimEnd('/'), backend.Url.TrimEnd('/'));
        Assert.Equal("keeps this", backend.Description);
    }

    [Fact]
    public async Task Update_to_a_URL_where_no_ML_server_runs_answers_in_place_and_changes_nothing()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        var dead = await bot.LabelStudio.StartMlServerAsync();
        dead.Health = MlServerHealth.Down;

        var id = await bot.AdminAsync("update", Option("backend", backend.Id), Option("url", dead.Url.ToString()));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("What to do", error, StringComparison.Ordinal);
        Assert.Equal(ml.Url.ToString().TrimEnd('/'), backend.Url.TrimEnd('/'));
    }

    [Fact]
    public async Task Update_when_Label_Studio_is_down_answers_in_place_with_what_to_do()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");
        bot.LabelStudio.FailNextRequests(503, 100);

        var id = await bot.AdminAsync("update", Option("backend", backend.Id), Option("title", "new"));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("What to do", error, StringComparison.Ordinal);
        Assert.Equal("yolo", backend.Title);
    }

    [Fact]
    public async Task Update_when_Label_Studio_is_slower_than_three_seconds_is_deferred_first()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");
        bot.LabelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(4);

        var id = await bot.AdminAsync("update", Option("backend", backend.Id), Option("title", "slow"));
        var callback = await bot.CallbackAsync(id);
        var editsWhenDeferred = bot.Discord.OriginalEdits.Count;
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Equal(5, callback.Type);
        Assert.Equal(0, editsWhenDeferred);
        Assert.Contains("slow", WriteCommandKit.Text(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_without_any_change_is_refused_at_once()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.AdminAsync("update", Option("backend", 1));

        await bot.AssertAnsweredAtOnceAsync(id, "at least one");
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_of_timeout_and_extra_params_sends_them_as_numbers_and_JSON()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");

        var id = await bot.AdminAsync("update", Option("backend", backend.Id), Option("timeout", 30.5), Option("extra_params", "{\"threshold\": 0.5}"));
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Equal("Changed: timeout, extra_params", answer.Content);
        Assert.Equal(30.5, backend.Timeout);
        Assert.Equal(0.5, backend.ExtraParams!["threshold"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("timeout", -5.0, "positive number of seconds")]
    [InlineData("extra_params", "{not json", "must be JSON")]
    [InlineData("extra_params", "[1, 2]", "must be a JSON object")]
    public async Task Update_with_a_bad_setting_is_refused_at_once(string option, object value, string problem)
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.AdminAsync("update", Option("backend", 1), Option(option, value));

        await bot.AssertAnsweredAtOnceAsync(id, problem);
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_with_a_bad_URL_is_refused_at_once()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.AdminAsync("update", Option("backend", 1), Option("url", "not a url"));

        await bot.AssertAnsweredAtOnceAsync(id, "http://");
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_by_an_operator_is_denied_privately_without_any_call()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");

        var id = await bot.SlashAsync("update", Option("backend", backend.Id), Option("title", "mine"));

        await bot.AssertAnsweredAtOnceAsync(id, "admin");
        Assert.Equal("yolo", backend.Title);
        Assert.Empty(bot.LabelStudio.MlCalls("PATCH", $"/api/ml/{backend.Id}"));
    }

    [Fact]
    public async Task Update_in_a_direct_message_is_denied()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.InDirectMessageAsync("update", Option("backend", 1), Option("title", "x"));

        await bot.AssertAnsweredAtOnceAsync(id, "direct messages");
    }

    [Fact]
    public async Task Update_delivered_twice_patches_once()
    {
        await using var bot = await BotHarness.StartAsync(BotHarness.InformationLogging());
        var (backend, _) = await AddBackendAsync(bot, "yolo");

        var id = await bot.PushTwiceAsync([BotHarness.AdminRole], "update", Option("backend", backend.Id), Option("title", "once"));
        await bot.FinalAnswerAsync(id);
        await bot.SecondDeliveryDroppedAsync(id);

        Assert.Single(bot.LabelStudio.MlCalls("PATCH", $"/api/ml/{backend.Id}"));
    }

    [Fact]
    public async Task A_new_basic_auth_password_reaches_Label_Studio_but_no_reply_log_line_or_audit_row()
    {
        const string password = "upd-Pw-77-never-show";
        await using var bot = await BotHarness.StartAsync(BotHarness.InformationLogging());
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.BasicAuthUser = "ml";
        ml.BasicAuthPassword = password;

        var id = await bot.AdminAsync("update", Option("backend", backend.Id), Option("basic_auth_user", "ml"), Option("basic_auth_password", password));
        var answer = await bot.FinalAnswerAsync(id);
        var audit = await bot.AuditAsync("update");

        Assert.Equal(password, backend.BasicAuthPass);
        Assert.Equal("Changed: basic_auth_user, basic_auth_password", answer.Content);
        Assert.DoesNotContain(password, bot.EverythingSentToDiscord(), StringComparison.Ordinal);
        Assert.Contains("basic_auth_password:***", Assert.Single(audit, a => a.Command == "update").Arguments, StringComparison.Ordinal);
        Assert.DoesNotContain(audit, a => a.Arguments.Contains(password, StringComparison.Ordinal));
        Assert.Contains(bot.Logs.Messages, l => l.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Messages, l => l.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Switching_basic_auth_off_stops_Label_Studio_sending_it_and_says_the_password_stays_stored()
    {
        const string password = "pw-stays-stored-7";
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        backend.AuthMethod = "BASIC_AUTH";
        backend.BasicAuthUser = "ml";
        backend.BasicAuthPass = password;

        var id = await bot.AdminAsync("update", Option("backend", backend.Id), Option("basic_auth", false));
        var answer = await bot.FinalAnswerAsync(id);
        ml.ClearRequests();
        await bot.FinalAnswerAsync(await bot.AdminAsync("get", Option("backend", backend.Id)));

        Assert.StartsWith("Changed: basic_auth\n", answer.Content, StringComparison.Ordinal);
        Assert.Contains("no longer sends", answer.Content, StringComparison.Ordinal);
        Assert.Contains("password stays stored in Label Studio", answer.Content, StringComparison.Ordinal);
        Assert.Contains(ml.Requests, r => r.Path == "/health");
        Assert.Contains(ml.Requests, r => r.Path == "/setup");
        Assert.DoesNotContain(ml.Requests, r => r.Headers.ContainsKey("Authorization"));
        Assert.Equal("NONE", backend.AuthMethod);
        Assert.DoesNotContain(password, bot.EverythingSentToDiscord(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("basic_auth_user", "ml")]
    [InlineData("basic_auth_password", "pw")]
    public async Task Switching_basic_auth_off_with_credentials_is_refused_at_once(string option, string value)
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.AdminAsync("update", Option("backend", 1), Option("basic_auth", false), Option(option, value));

        await bot.AssertAnsweredAtOnceAsync(id, "switches basic auth off");
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_sends_the_stored_extra_params_to_the_ML_servers_setup()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        backend.ExtraParams = new JsonObject { ["threshold"] = 0.5 };

        var id = await bot.AdminAsync("update", Option("backend", backend.Id), Option("title", "renamed"));
        await bot.FinalAnswerAsync(id);

        var setups = ml.Requests.Where(r => r.Path == "/setup").Select(r => JsonNode.Parse(r.Body)!["extra_params"]).ToList();
        Assert.NotEmpty(setups);
        Assert.All(setups, extra => Assert.Equal(0.5, extra?["threshold"]?.GetValue<double>()));
        Assert.Equal("renamed", backend.Title);
    }

    [Fact]
    public async Task Pinning_a_model_version_the_ML_server_does_not_list_pins_it_and_warns_with_the_listed_ones()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.Versions = ["1.0.0", "1.1.0"];

        var answer = await bot.FinalAnswerAsync(await bot.AdminAsync("update", Option("backend", backend.Id), Option("model_version", "0.9")));

        Assert.StartsWith("Changed: model_version\n⚠️ `0.9` is not among the model versions the ML server lists: `1.0.0`, `1.1.0`.", answer.Content, StringComparison.Ordinal);
        Assert.Equal("0.9", backend.ModelVersion);
    }

    [Fact]
    public async Task Pinning_a_listed_model_version_says_only_what_changed_and_shows_it_as_stored()
    {
        await using var bot = await BotHarness.StartAsync();
        var (backend, ml) = await AddBackendAsync(bot, "yolo");
        ml.Versions = ["1.0.0", "1.1.0"];

        var answer = await bot.FinalAnswerAsync(await bot.AdminAsync("update", Option("backend", backend.Id), Option("model_version", "1.0.0")));

        Assert.Equal("Changed: model_version", answer.Content);
        Assert.Contains("\"value\":\"1.0.0\"", answer.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("v1.0.0", answer.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pinning_a_model_version_on_an_ML_server_without_a_versions_route_says_it_could_not_be_checked()
    {
        // label-studio-ml-backend has no /versions route: Label Studio answers with the stored version and a message.
        await using var bot = await BotHarness.StartAsync();
        var (backend, _) = await AddBackendAsync(bot, "yolo");
        await bot.FinalAnswerAsync(await bot.SlashAsync("get", Option("backend", backend.Id))); // a read stores the version /setup reports

        var answer = await bot.FinalAnswerAsync(await bot.AdminAsync("update", Option("backend", backend.Id), Option("model_version", "2.0.0")));

        Assert.Equal("Changed: model_version\n⚠️ The ML server does not list its model versions, so `2.0.0` could not be checked: Label Studio knows only `0.0.1`.", answer.Content);
        Assert.Equal("2.0.0", backend.ModelVersion);
    }

    private static async Task<(FakeBackend Backend, FakeMlServer Ml)> AddBackendAsync(BotHarness bot, string title)
    {
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        return (bot.LabelStudio.AddBackend(project.Id, ml.Url, title), ml);
    }
}
