using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.Storage;

namespace LabelStudioMl.Bot.Tests.ConsoleTransport;

/// <summary>
/// <c>console</c> as an operator uses it: a script on standard input, run in-process through <see cref="BotProgram"/>
/// against FakeLabelStudio with the sample data. Discord points at FakeDiscord without a token, to show the console
/// needs neither.
/// </summary>
public sealed class ConsoleVerbTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private FakeLabelStudio _labelStudio = null!;
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync()
    {
        _labelStudio = await FakeLabelStudio.StartAsync();
        _discord = await FakeDiscord.StartAsync();
        await SampleData.SeedAsync(_labelStudio);
    }

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        await _labelStudio.DisposeAsync();
    }

    public void Dispose() => _database.Dispose();

    private FakeBackend Backend(string title) => _labelStudio.Backends.Single(b => b.Title == title);

    private async Task<(int Exit, string Output, string Error)> ConsoleAsync(string script, params string[] settings)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args =
        [
            "console",
            $"--LabelStudio:Url={_labelStudio.BaseUrl}",
            $"--LabelStudio:ApiKey={_labelStudio.LegacyToken}",
            "--LabelStudio:ReadRetries=0",
            .. _database.Store.Arguments,
            "--Discord:Token=",
            $"--Discord:ApiBaseUrl={_discord.ApiBaseUrl}",
            .. settings,
        ];
        var exit = await BotProgram.RunAsync(args, new StringReader(script), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_script_prints_help_a_backend_an_error_with_what_to_do_and_the_usage_for_bad_lines()
    {
        var yolo = Backend("yolo-v8");
        var script = $"""
            # an operator's session
            help

            /ml get backend:{yolo.Id}
            get backend:4242
            /ml get
            /ml get backend:"{yolo.Id}
            """;

        var (exit, output, error) = await ConsoleAsync(script);

        Assert.Contains("LabelStudioMl.Bot", output, StringComparison.Ordinal);
        Assert.Contains("`/ml get backend` — Show one ML backend", output, StringComparison.Ordinal);
        Assert.Contains("`/ml help` — What you can do with this bot", output, StringComparison.Ordinal);
        Assert.Contains("— Your access: admin", output, StringComparison.Ordinal);

        Assert.Contains($"\n🟢 #{yolo.Id} yolo-v8 · ", output, StringComparison.Ordinal);
        Assert.Contains("  State: 🟢 Connected", output, StringComparison.Ordinal);
        Assert.Matches(@"  Model version: v?yolo-v8\.0\.1", output);
        Assert.DoesNotContain("<t:", output, StringComparison.Ordinal);

        Assert.Contains("[error] Not found", output, StringComparison.Ordinal);
        Assert.Contains("What to do:", output, StringComparison.Ordinal);
        Assert.Contains("/ml list", output, StringComparison.Ordinal);

        Assert.Contains("[error] That input does not work\n  Missing `backend`. Usage: /ml get backend", output, StringComparison.Ordinal);
        Assert.Contains("[error] A quote is not closed. Type a command like `/ml get backend:12`", output, StringComparison.Ordinal);

        Assert.True(output.IndexOf("LabelStudioMl.Bot", StringComparison.Ordinal) < output.IndexOf("yolo-v8", StringComparison.Ordinal), "replies come in the order of the lines");
        Assert.Equal(BotProgram.ExitFailed, exit);
        Assert.Contains("3 lines failed", error, StringComparison.Ordinal);
        Assert.Empty(_discord.Requests);
    }

    [Fact]
    public async Task Replies_name_projects_by_title_with_one_project_list_read_though_the_console_refreshes_no_catalog()
    {
        var yolo = Backend("yolo-v8");
        var classifier = Backend("classifier");

        var (exit, output, _) = await ConsoleAsync($"get backend:{yolo.Id}\nget backend:{classifier.Id}\ntrain backend:{classifier.Id}");

        Assert.Equal(BotProgram.ExitOk, exit);
        Assert.Contains($"#{yolo.Id} yolo-v8 · Cars", output, StringComparison.Ordinal);
        Assert.Contains($"#{classifier.Id} classifier · Bikes", output, StringComparison.Ordinal);
        Assert.Contains("Training finished", output, StringComparison.Ordinal);
        Assert.DoesNotContain("· project ", output, StringComparison.Ordinal);
        Assert.Single(_labelStudio.Requests, r => r.Path == "/api/projects/");
    }

    [Fact]
    public async Task A_script_that_works_exits_0_after_the_last_reply_even_when_Label_Studio_is_slow()
    {
        var classifier = Backend("classifier");
        _labelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(1);

        var (exit, output, error) = await ConsoleAsync($"help\nget backend:{classifier.Id}");

        Assert.Equal(BotProgram.ExitOk, exit);
        Assert.Contains($"#{classifier.Id} classifier", output, StringComparison.Ordinal);
        Assert.Contains("  Model version: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_prints_that_training_started_then_waits_for_the_result_before_exiting()
    {
        var classifier = Backend("classifier");

        var (exit, output, _) = await ConsoleAsync($"train backend:{classifier.Id}");

        Assert.Equal(BotProgram.ExitOk, exit);
        var started = output.IndexOf("Training started", StringComparison.Ordinal);
        var finished = output.IndexOf("Training finished", StringComparison.Ordinal);
        Assert.True(started >= 0 && finished > started, output);
        Assert.Contains("→", output[finished..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_that_outlasts_Label_Studios_wait_prints_the_notice_then_the_result_before_the_console_exits()
    {
        var classifier = Backend("classifier");
        var ml = _labelStudio.MlServers.Single(m => classifier.Url.StartsWith(m.Url.ToString().TrimEnd('/'), StringComparison.Ordinal));
        _labelStudio.Options.PredictTimeout = TimeSpan.FromSeconds(1); // ML_TIMEOUT_PREDICT, which /train waits (ml/api_connector.py)
        ml.TrainingDuration = TimeSpan.FromSeconds(3);

        var (exit, output, _) = await ConsoleAsync($"train backend:{classifier.Id}", "--Training:LabelStudioWaitLimit=00:00:01", "--Training:PollInterval=00:00:00.200");

        Assert.Equal(BotProgram.ExitOk, exit);
        var notice = output.IndexOf("still training on the ML server", StringComparison.Ordinal);
        var waiting = output.IndexOf("Waiting for the result of 1 training run(s) Label Studio stopped waiting for", StringComparison.Ordinal);
        var finished = output.IndexOf("Training finished", StringComparison.Ordinal);
        Assert.True(notice >= 0 && waiting > notice && finished > waiting, output);
        Assert.Contains("→", output[finished..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cut_off_run_whose_backend_cannot_be_read_ends_the_wait_at_the_deadline_instead_of_hanging()
    {
        var classifier = Backend("classifier");
        var ml = _labelStudio.MlServers.Single(m => classifier.Url.StartsWith(m.Url.ToString().TrimEnd('/'), StringComparison.Ordinal));
        _labelStudio.Options.PredictTimeout = TimeSpan.FromSeconds(1);
        ml.TrainingDuration = TimeSpan.FromSeconds(2);

        var console = ConsoleAsync($"train backend:{classifier.Id}",
            "--Training:LabelStudioWaitLimit=00:00:01", "--Training:PollInterval=00:00:00.200", "--Training:ResultDeadline=00:00:03");
        await FakeDiscord.WaitUntilAsync(() => ml.Requests.Any(r => r.Path == "/webhook"), TimeSpan.FromSeconds(10), "the START_TRAINING webhook");
        _labelStudio.FailNextRequests(502, 10_000, $"/api/ml/{classifier.Id}");
        var (exit, output, _) = await console.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(BotProgram.ExitFailed, exit);
        Assert.Contains("Label Studio could not be read until Training:ResultDeadline passed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Training finished", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_on_a_backend_removed_before_its_result_is_read_prints_that_it_was_removed()
    {
        var classifier = Backend("classifier");
        var ml = _labelStudio.MlServers.Single(m => classifier.Url.StartsWith(m.Url.ToString().TrimEnd('/'), StringComparison.Ordinal));
        ml.TrainingDuration = TimeSpan.FromSeconds(1);

        var console = ConsoleAsync($"train backend:{classifier.Id}");
        await FakeDiscord.WaitUntilAsync(() => ml.Requests.Any(r => r.Path == "/webhook"), TimeSpan.FromSeconds(10), "the START_TRAINING webhook");
        // Removed right after /train returned: the console's read of the backend is Label Studio's 404.
        _labelStudio.FailNextRequestsWithDetail(404, "Not found.");
        var (exit, output, _) = await console;

        Assert.Equal(BotProgram.ExitOk, exit);
        Assert.Contains($"Training ended · backend #{classifier.Id} was removed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_on_the_console_prints_the_alert_in_its_stand_in_channel_as_the_bot_would_post_it()
    {
        var classifier = Backend("classifier");
        var ml = _labelStudio.MlServers.Single(m => classifier.Url.StartsWith(m.Url.ToString().TrimEnd('/'), StringComparison.Ordinal));

        var console = ConsoleAsync($"watch backend:{classifier.Id}\nwait 5s\nwatches", "--Watch:Interval=00:00:00.200", "--Watch:MaxBackoff=00:00:01");
        await FakeDiscord.WaitUntilAsync(
            () => _labelStudio.Requests.Any(r => r.Method == "GET" && r.PathAndQuery.EndsWith($"?project={classifier.ProjectId}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the console's first poll");
        ml.SetupFails = true;
        var (exit, output, _) = await console;

        Assert.Equal(BotProgram.ExitOk, exit);
        var watching = output.IndexOf($"👀 Watching #{classifier.Id} classifier", StringComparison.Ordinal);
        var alert = output.IndexOf($"#console ── posted by the bot\n🔴 Error · #{classifier.Id} classifier", StringComparison.Ordinal);
        Assert.True(watching >= 0 && alert > watching, output);
        Assert.Contains("500 Server Error", output[alert..], StringComparison.Ordinal);
        Assert.Contains("end with it", output, StringComparison.Ordinal);
        Assert.DoesNotContain(_discord.Requests, r => r.Path.Contains("/channels/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_console_watch_can_be_snoozed_and_listed_and_stays_out_of_the_store()
    {
        var classifier = Backend("classifier");

        var (exit, output, _) = await ConsoleAsync($"watch backend:{classifier.Id}\nwatch backend:{classifier.Id} snooze:1h\nwatches");

        Assert.Equal(BotProgram.ExitOk, exit);
        Assert.Contains($"😴 Snoozed backend #{classifier.Id} here", output, StringComparison.Ordinal);
        Assert.Contains("😴 snoozed until", output, StringComparison.Ordinal);
        await using var store = await _database.Database.OpenAsync();
        await using var count = store.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM watch_subscriptions";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_console_at_view_level_still_reads_and_help_says_what_it_lacks()
    {
        var (exit, output, _) = await ConsoleAsync($"help\nget backend:{Backend("yolo-v8").Id}", "--Access:Console:Level=View");

        Assert.Equal(BotProgram.ExitOk, exit);
        Assert.Contains("— Your access: view", output, StringComparison.Ordinal);
        Assert.Contains("yolo-v8", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_Label_Studio_address_the_console_stops_with_exit_code_2_naming_the_key()
    {
        var (exit, _, error) = await ConsoleAsync("help", "--LabelStudio:Url=");

        Assert.Equal(BotProgram.ExitConfiguration, exit);
        Assert.Contains("LabelStudio:Url", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Discord:Token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_input_ends_the_console_at_once_with_exit_code_0()
    {
        var (exit, output, _) = await ConsoleAsync("");

        Assert.Equal((BotProgram.ExitOk, ""), (exit, output));
    }

    [Fact]
    public async Task Remove_asks_and_pressing_1_confirms_then_list_no_longer_shows_the_backend()
    {
        var retired = Backend("retired");
        var script = $"""
            remove backend:{retired.Id}
            1
            list project:{retired.ProjectId}
            """;

        var (exit, output, _) = await ConsoleAsync(script);

        Assert.Equal(0, exit);
        Assert.Contains($"Remove #{retired.Id} retired?", output, StringComparison.Ordinal);
        Assert.Contains("[1] Remove  [2] Cancel", output, StringComparison.Ordinal);
        Assert.Contains($"Removed #{retired.Id} retired", output, StringComparison.Ordinal);
        Assert.Null(_labelStudio.FindBackend(retired.Id));
        Assert.DoesNotContain($"#{retired.Id} retired ·", output[output.LastIndexOf("ML backends", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}
