using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Tests.EndToEnd;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.NativeAot;

/// <summary>Runs alone: publishing takes both cores for a minute or two, which would slow timed tests beside it.</summary>
[CollectionDefinition(NativeBotFixture.CollectionName, DisableParallelization = true)]
public sealed class NativeAotGroup;

/// <summary>
/// Every <c>/ml</c> command, autocomplete and the <c>check</c> verb against the Native AOT binary as a real process,
/// as a user sees the answers; code that only fails without a JIT or reflection metadata fails here.
/// </summary>
[Collection(NativeBotFixture.CollectionName)]
public sealed class NativeBotTests(NativeBotFixture native) : IClassFixture<NativeBotFixture>
{
    [Fact]
    public async Task List_shows_the_projects_backends_with_their_state()
    {
        var answer = await native.AnswerAsync("list", Option("project", native.Backend("yolo-v8").ProjectId));

        Assert.Contains("Cars", Title(answer.Body), StringComparison.Ordinal);
        var text = Description(answer.Body);
        AssertShows(text, Listed("yolo-v8"), Listed("segmenter"), Listed("retired"));
        Assert.DoesNotContain("classifier", text, StringComparison.Ordinal);
        await AssertAcceptedAsync();

        string Listed(string title) => $"#{native.Backend(title).Id}** {title}";
    }

    [Theory]
    [InlineData("get", "Model version", "1.1.0")]
    [InlineData("versions", "• 1.0.0", "**1.1.0** (current)")]
    public async Task Get_and_versions_show_the_backend_with_its_model_versions(string command, string shows, string andShows)
    {
        var classifier = native.Backend("classifier");

        var answer = await native.AnswerAsync(command, Option("backend", classifier.Id));

        Assert.StartsWith($"🟢 #{classifier.Id} classifier", Title(answer.Body), StringComparison.Ordinal);
        AssertShows(WriteCommandKit.Text(answer.Body), shows, andShows);
        await AssertAcceptedAsync();
    }

    [Fact]
    public async Task Status_shows_every_project_on_one_board()
    {
        var answer = await native.AnswerAsync("status");

        Assert.Single(answer.Embeds);
        AssertShows(Description(answer.Body), "2 projects", "Cars", "Bikes", "segmenter");
        await AssertAcceptedAsync();
    }

    [Fact]
    public async Task Help_lists_the_commands_the_caller_may_run_privately()
    {
        var id = await native.SlashAsync("help");
        var answer = WriteCommandKit.Text((await native.AnswerToAsync(id)).Body);

        Assert.True((await native.Discord.CallbackAsync(id)).Ephemeral);
        AssertShows(answer, "/ml get backend", "/ml remove", "Your access: admin");
        await AssertAcceptedAsync();
    }

    [Fact]
    public async Task Add_update_and_remove_after_confirming_change_Label_Studio_and_say_so()
    {
        var cars = native.Backend("yolo-v8").ProjectId;
        var ml = await native.LabelStudio.StartMlServerAsync();

        var added = await native.AnswerAsync("add", Option("url", ml.Url.ToString()), Option("project", cars), Option("title", "native-added"));
        var backend = native.Backend("native-added");
        var updated = await native.AnswerAsync("update", Option("backend", backend.Id), Option("title", "native-updated"));
        var prompt = await native.AnswerAsync("remove", Option("backend", backend.Id));
        var press = await native.PushAsync(ButtonPressBy([NativeBotFixture.AdminRole, NativeBotFixture.OperatorRole], WriteCommandKit.Button(prompt, "yes")));
        var removed = await native.AnswerToAsync(press);

        Assert.StartsWith($"🟢 #{backend.Id} native-added", Title(added.Body), StringComparison.Ordinal);
        Assert.Equal("Changed: title", updated.Content);
        Assert.StartsWith($"🟢 #{backend.Id} native-updated", Title(updated.Body), StringComparison.Ordinal);
        Assert.Contains($"Remove #{backend.Id} native-updated?", WriteCommandKit.Text(prompt.Body), StringComparison.Ordinal);
        Assert.Equal(
            $"Removed #{backend.Id} native-updated. Also removed the project webhook `{ml.Url.ToString().TrimEnd('/')}/webhook` that Label Studio created for it.",
            removed.Content);
        Assert.Null(native.LabelStudio.FindBackend(backend.Id));
        await AssertAcceptedAsync();
    }

    [Fact]
    public async Task Train_says_it_started_then_replies_with_the_new_version()
    {
        var yolo = native.Backend("yolo-v8");

        var id = await native.SlashAsync("train", Option("backend", yolo.Id));
        var started = WriteCommandKit.Text((await native.AnswerToAsync(id)).Body);
        var result = WriteCommandKit.Text((await native.AnswerToAsync(id, followUp: true)).Body);

        Assert.Contains("Training started", started, StringComparison.Ordinal);
        Assert.Contains($"<@{UserId}>", started, StringComparison.Ordinal);
        Assert.Contains("yolo-v8.0.1", started, StringComparison.Ordinal);
        Assert.Contains("Training finished", result, StringComparison.Ordinal);
        Assert.Contains("**yolo-v8.0.1** → **", result, StringComparison.Ordinal);
        await AssertAcceptedAsync();
    }

    [Fact]
    public async Task Predict_summarises_the_prediction()
    {
        var classifier = native.Backend("classifier");
        var task = native.LabelStudio.AddTask(classifier.ProjectId);

        var answer = await native.AnswerAsync("predict", Option("backend", classifier.Id), Option("task", task));

        var fields = answer.Embeds.Single()!["fields"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("0.9", fields["Score"]);
        Assert.Equal("1.1.0", fields["Model version"]);
        await AssertAcceptedAsync();
    }

    [Fact]
    public async Task Watch_reports_an_error_in_the_channel_and_watches_and_unwatch_list_and_stop_it()
    {
        var ml = await native.LabelStudio.StartMlServerAsync();
        var backend = native.LabelStudio.AddBackend(native.Backend("classifier").ProjectId, ml.Url, "native-watched");

        var watching = WriteCommandKit.Text((await native.AnswerAsync("watch", Option("backend", backend.Id))).Body);
        var watches = WriteCommandKit.Text((await native.AnswerAsync("watches")).Body);
        ml.SetupFails = true;
        await FakeDiscord.WaitUntilAsync(
            () => native.Discord.ChannelMessages.Any(m => m.ChannelOrInteraction == ChannelId && WriteCommandKit.Text(m.Body).Contains("native-watched", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the error alert in the channel");
        var alert = WriteCommandKit.Text(native.Discord.ChannelMessages.First(m => WriteCommandKit.Text(m.Body).Contains("native-watched", StringComparison.Ordinal)).Body);
        var unwatched = WriteCommandKit.Text((await native.AnswerAsync("unwatch", Option("backend", backend.Id))).Body);

        Assert.Contains($"Watching #{backend.Id} native-watched", watching, StringComparison.Ordinal);
        Assert.Contains($"backend #{backend.Id}", watches, StringComparison.Ordinal);
        Assert.Contains("Error · ", alert, StringComparison.Ordinal);
        Assert.Contains($"Stopped watching backend #{backend.Id}", unwatched, StringComparison.Ordinal);
        await AssertAcceptedAsync();
    }

    [Fact]
    public async Task Autocomplete_of_backend_offers_the_backends_matching_what_was_typed()
    {
        var yolo = native.Backend("yolo-v8");

        // The bot fills its catalog right after it starts; until then it offers nothing.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var choices = await SuggestAsync("yolo");
        while (choices.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            choices = await SuggestAsync("yolo");
        }

        Assert.Equal([(yolo.Id, $"#{yolo.Id} yolo-v8 · Cars (CO)")], choices.Select(c => (c.Value, c.Name)));
        await AssertAcceptedAsync();
    }

    [Fact]
    public async Task Version_prints_the_version_the_binary_was_built_with()
    {
        var result = await BotProcess.RunAsync(["--version"], executable: native.Executable);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^LabelStudioMl\.Bot \d+\.\d+\.\d+$", result.Output.Trim());
    }

    [Fact]
    public async Task Check_prints_the_report_of_Label_Studio_and_its_backends()
    {
        // Its own Discord: check opens a gateway connection, which would take the running bot's place on the shared fake.
        await using var discord = await FakeDiscord.StartAsync();

        var result = await BotProcess.RunAsync(["check", .. native.Arguments(new Dictionary<string, string>(), discord)], executable: native.Executable);

        var output = result.Output + result.Error;
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ok    Signed in as", output, StringComparison.Ordinal);
        Assert.Contains("2 projects visible", output, StringComparison.Ordinal);
        Assert.Contains($"#{native.Backend("yolo-v8").Id} yolo-v8 · CO Connected", output, StringComparison.Ordinal);
        Assert.Contains($"warn  #{native.Backend("segmenter").Id} segmenter · ER Error", output, StringComparison.Ordinal);
        NativeBotFixture.AssertNoRuntimeFailure(output);
    }

    [Fact]
    public async Task A_missing_setting_stops_the_bot_with_exit_code_2_naming_the_key()
    {
        var arguments = native.Arguments(new Dictionary<string, string>()).Where(a => !a.StartsWith("--Discord:Token=", StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(arguments, executable: native.Executable);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Discord:Token is missing", result.Error, StringComparison.Ordinal);
        Assert.Contains("Discord__Token", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LabelStudio:Url", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
        NativeBotFixture.AssertNoRuntimeFailure(result.Output + result.Error);
    }

    [Fact]
    public async Task Where_memory_may_not_become_executable_it_answers_and_a_stop_signal_ends_it_with_exit_code_0()
    {
        // As the systemd unit runs it: MemoryDenyWriteExecute, then SIGTERM. Its own Discord and store: the fixture's
        // bot holds the shared ones.
        await using var discord = await FakeDiscord.StartAsync();
        using var database = TestStore.Create();
        var everyoneViews = new Dictionary<string, string> { [$"Access:Guilds:{discord.Options.GuildId}:View:0"] = "@everyone" };
        await using var bot = await BotProcess.StartAsync(
            discord,
            [native.Executable, .. BotProcess.Arguments(discord, native.LabelStudio, database, everyoneViews)],
            await MemoryDenyWriteExecute.LauncherAsync());

        var cars = native.Backend("yolo-v8").ProjectId;
        var answer = await discord.AnswerAsync(await discord.PushInteractionAsync(SlashCommand("ml", SubCommand("list", Option("project", cars)))));
        Assert.Contains("Cars", Title(answer.Body), StringComparison.Ordinal);
        var exit = await bot.StopAsync();

        Assert.True(exit == 0, $"The bot exited with {exit}:\n{bot.Output}");
        NativeBotFixture.AssertNoRuntimeFailure(bot.Output);
    }

    private async Task<List<(string Name, int Value)>> SuggestAsync(string typed)
    {
        var id = await native.PushAsync(Autocomplete("ml", SubCommand("get", Focused(Option("backend", typed)))));
        var callback = await native.Discord.CallbackAsync(id);
        Assert.Equal(8, callback.Type);
        return [.. callback.Body["data"]!["choices"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["value"]!.GetValue<int>()))];
    }

    /// <summary>Every one of <paramref name="parts"/> stands in <paramref name="text"/>.</summary>
    private static void AssertShows(string text, params string[] parts)
    {
        foreach (var part in parts)
            Assert.Contains(part, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_show_the_process_memory_and_the_garbage_collector()
    {
        await native.AnswerAsync("status");

        var (metrics, resident) = await native.MetricsAsync();

        // The runtime's own meter works without a JIT: the working set is the resident memory Linux reports.
        Assert.InRange(PrometheusText.Value(metrics, "dotnet_process_memory_working_set_bytes"), resident * 0.8, resident * 1.25);
        Assert.True(PrometheusText.Value(metrics, "dotnet_gc_heap_total_allocated_bytes_total") > 0, metrics);
        Assert.True(PrometheusText.Value(metrics, "dotnet_gc_last_collection_memory_committed_size_bytes") > 0, metrics);
        await native.AssertHealthyAsync();
    }

    [Fact]
    public async Task Once_ready_it_compacts_its_heap_once_and_gives_memory_back()
    {
        await native.AnswerAsync("status");

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        string output;
        while (!(output = await native.OutputAsync()).Contains("Start-up done", StringComparison.Ordinal) && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(100);
        var lines = output.Split('\n').Where(l => l.Contains("Start-up done: the heap was compacted once", StringComparison.Ordinal)).ToList();

        var committed = Assert.Single(lines);
        var mebibytes = System.Text.RegularExpressions.Regex.Matches(committed, @"(\d+\.\d) ").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, mebibytes.Count);
        Assert.True(mebibytes[1] <= mebibytes[0], committed);
        await native.AssertHealthyAsync();
    }

    /// <summary>Discord accepted all the bot sent, and the bot runs on without having printed a runtime failure.</summary>
    private async Task AssertAcceptedAsync()
    {
        AssertDiscordAcceptedEverything(native.Discord);
        await native.AssertHealthyAsync();
    }
}
