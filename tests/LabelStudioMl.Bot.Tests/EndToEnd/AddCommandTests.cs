using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml add</c> through FakeDiscord's gateway and FakeLabelStudio, as an admin sees it.</summary>
[Collection(CapturedLogsGroup.Name)]
public sealed class AddCommandTests
{
    [Fact]
    public async Task Add_connects_a_healthy_ML_server_and_shows_the_new_backend_in_the_channel()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();

        var id = await bot.AdminAsync("add", Option("url", ml.Url.ToString()), Option("project", project.Id), Option("title", "yolo"));
        var answer = await bot.FinalAnswerAsync(id);

        var added = Assert.Single(bot.LabelStudio.Backends);
        Assert.Equal("yolo", added.Title);
        Assert.Equal(project.Id, added.ProjectId);
        Assert.False((await bot.CallbackAsync(id)).Ephemeral);
        Assert.StartsWith($"🟢 #{added.Id} yolo", answer.Embeds.Single()!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(ml.Requests, r => r.Path == "/health");
    }

    [Fact]
    public async Task Add_of_an_unhealthy_ML_server_answers_in_place_with_status_and_excerpt_and_never_asks_Label_Studio()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        ml.Health = MlServerHealth.ServerError;

        var id = await bot.AdminAsync("add", Option("url", ml.Url.ToString()), Option("project", project.Id));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("HTTP 500", error, StringComparison.Ordinal);
        Assert.Contains("ML server is failing", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error, StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.MlCalls("POST", "/api/ml/"));
        Assert.Empty(bot.LabelStudio.Backends);
    }

    [Fact]
    public async Task Add_with_wrong_basic_auth_names_the_credentials_as_the_fix()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        ml.BasicAuthUser = "ml";
        ml.BasicAuthPassword = "right-one";

        var id = await bot.AdminAsync("add", Option("url", ml.Url.ToString()), Option("project", project.Id),
            Option("basic_auth_user", "ml"), Option("basic_auth_password", "wrong-one"));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("HTTP 401", error, StringComparison.Ordinal);
        Assert.Contains("basic_auth_password", error, StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.MlCalls("POST", "/api/ml/"));
    }

    [Fact]
    public async Task Add_of_an_ML_server_that_is_down_says_Label_Studio_must_reach_the_URL()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        ml.Health = MlServerHealth.Down;

        var id = await bot.AdminAsync("add", Option("url", ml.Url.ToString()), Option("project", project.Id));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("Label Studio must reach the URL", error, StringComparison.Ordinal);
        Assert.Contains("What to do", error, StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.Backends);
    }

    [Fact]
    public async Task Add_when_Label_Studio_is_down_answers_in_place_with_what_to_do()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        bot.LabelStudio.FailNextRequests(503, 100);

        var id = await bot.AdminAsync("add", Option("url", ml.Url.ToString()), Option("project", project.Id));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("Label Studio", error, StringComparison.Ordinal);
        Assert.Contains("What to do", error, StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.Backends);
    }

    [Fact]
    public async Task Add_when_Label_Studio_is_slower_than_three_seconds_is_deferred_first()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        bot.LabelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(4);

        var id = await bot.AdminAsync("add", Option("url", ml.Url.ToString()), Option("project", project.Id), Option("title", "slow"));
        var callback = await bot.CallbackAsync(id);
        var editsWhenDeferred = bot.Discord.OriginalEdits.Count;
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Equal(5, callback.Type);
        Assert.Equal(0, editsWhenDeferred);
        Assert.Contains("slow", WriteCommandKit.Text(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_by_an_operator_is_denied_privately_without_any_call()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();

        var id = await bot.SlashAsync("add", Option("url", ml.Url.ToString()), Option("project", project.Id));

        await bot.AssertAnsweredAtOnceAsync(id, "admin");
        Assert.Empty(bot.LabelStudio.MlCalls("POST", "/api/ml/"));
        Assert.DoesNotContain(ml.Requests, r => r.Path == "/health");
    }

    [Fact]
    public async Task Add_in_a_direct_message_is_denied()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.InDirectMessageAsync("add", Option("url", "http://127.0.0.1:9"), Option("project", 1));

        await bot.AssertAnsweredAtOnceAsync(id, "direct messages");
        Assert.Empty(bot.LabelStudio.MlCalls("POST", "/api/ml/"));
    }

    [Theory]
    [InlineData("ftp://ml:9090", "http://")]
    [InlineData("ml-backend:9090", "http://")]
    public async Task Add_with_a_URL_that_is_not_http_is_refused_at_once(string url, string expected)
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.AdminAsync("add", Option("url", url), Option("project", 1));

        await bot.AssertAnsweredAtOnceAsync(id, expected);
        Assert.Empty(bot.LabelStudio.MlCalls("POST", "/api/ml/"));
    }

    [Fact]
    public async Task Add_with_credentials_inside_the_URL_is_refused_at_once_without_echoing_them()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.AdminAsync("add", Option("url", "http://ml:s3cr3t-in-url@127.0.0.1:9"), Option("project", 1));

        await bot.AssertAnsweredAtOnceAsync(id, "basic_auth_password");
        Assert.DoesNotContain("s3cr3t-in-url", bot.EverythingSentToDiscord(), StringComparison.Ordinal);
        Assert.DoesNotContain(await bot.AuditAsync("add"), a => a.Arguments.Contains("s3cr3t-in-url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Add_with_a_password_but_no_user_is_refused_at_once()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.AdminAsync("add", Option("url", "http://127.0.0.1:9"), Option("project", 1), Option("basic_auth_password", "hunter2"));

        await bot.AssertAnsweredAtOnceAsync(id, "basic_auth_user");
        Assert.DoesNotContain("hunter2", bot.EverythingSentToDiscord(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_delivered_twice_adds_once()
    {
        await using var bot = await BotHarness.StartAsync(BotHarness.InformationLogging());
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();

        var id = await bot.PushTwiceAsync([BotHarness.AdminRole], "add", Option("url", ml.Url.ToString()), Option("project", project.Id));
        await bot.FinalAnswerAsync(id);
        await bot.SecondDeliveryDroppedAsync(id);

        Assert.Single(bot.Discord.InteractionCallbacks, c => c.InteractionId == id);
        Assert.Single(bot.LabelStudio.MlCalls("POST", "/api/ml/"));
        Assert.Single(bot.LabelStudio.Backends);
    }

    [Fact]
    public async Task The_basic_auth_password_reaches_Label_Studio_but_no_reply_log_line_or_audit_row()
    {
        const string password = "pw-Zq81-never-show";
        await using var bot = await BotHarness.StartAsync(BotHarness.InformationLogging());
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        ml.BasicAuthUser = "ml";
        ml.BasicAuthPassword = password;

        var id = await bot.AdminAsync("add", Option("url", ml.Url.ToString()), Option("project", project.Id),
            Option("title", "guarded"), Option("basic_auth_user", "ml"), Option("basic_auth_password", password));
        var answer = await bot.FinalAnswerAsync(id);
        var audit = await bot.AuditAsync("add");

        Assert.Equal(password, Assert.Single(bot.LabelStudio.Backends).BasicAuthPass);
        Assert.Contains("guarded", WriteCommandKit.Text(answer.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(password, bot.EverythingSentToDiscord(), StringComparison.Ordinal);
        var row = Assert.Single(audit, a => a.Command == "add");
        Assert.Contains("basic_auth_password:***", row.Arguments, StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Messages, l => l.Contains(id, StringComparison.Ordinal));
        Assert.True(bot.Logs.Messages.Any(l => l.Contains(id, StringComparison.Ordinal)), string.Join("\n", bot.Logs.Messages));
        Assert.DoesNotContain(bot.Logs.Messages, l => l.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_typed_into_the_url_query_or_extra_params_reach_Label_Studio_but_are_masked_in_the_reply_and_the_audit_row()
    {
        const string token = "tok-Hh72-never-show";
        const string apiKey = "sk-live-9Qx-never-show";
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();

        // Label Studio appends /setup to the URL as a string, so a query breaks its check: its refusal quotes the URL.
        var id = await bot.AdminAsync("add", Option("url", $"{ml.Url.ToString().TrimEnd('/')}/?token={token}&region=eu"), Option("project", project.Id),
            Option("extra_params", $"{{\"api_key\": \"{apiKey}\", \"threshold\": 0.5}}"));
        var error = await bot.ErrorInPlaceAsync(id);
        var row = Assert.Single(await bot.AuditAsync("add"), a => a.Command == "add");

        var sent = Assert.Single(bot.LabelStudio.MlCalls("POST", "/api/ml/")).Body;
        Assert.Contains(token, sent, StringComparison.Ordinal);
        Assert.Contains(apiKey, sent, StringComparison.Ordinal);
        Assert.Contains("token=\\*\\*\\*&region=eu", error, StringComparison.Ordinal);
        Assert.DoesNotContain(token, bot.EverythingSentToDiscord(), StringComparison.Ordinal);
        Assert.Contains("token=***&region=eu", row.Arguments, StringComparison.Ordinal);
        Assert.Contains("\"api_key\":\"***\"", row.Arguments, StringComparison.Ordinal);
        Assert.Contains("\"threshold\":0.5", row.Arguments, StringComparison.Ordinal);
        Assert.DoesNotContain(token, row.Arguments, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, row.Arguments, StringComparison.Ordinal);
    }
}
