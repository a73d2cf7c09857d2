using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml watch</c>, <c>/ml unwatch</c> and <c>/ml watches</c> as an operator uses them in a channel.</summary>
public sealed class WatchCommandTests
{
    [Fact]
    public async Task Watch_backend_answers_with_its_current_state_and_what_will_be_reported()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, _) = await bot.AddBackendAsync("yolo");

        var answer = await bot.RunAsync("watch", Option("backend", backend.Id));

        // The project was created after the bot's catalog refresh: its title is looked up for the answer.
        Assert.Contains($"Watching #{backend.Id} yolo · Cars", answer, StringComparison.Ordinal);
        Assert.Contains("🟢", answer, StringComparison.Ordinal);
        Assert.Contains("2 checks in a row", answer, StringComparison.Ordinal);
        Assert.Contains("new model version", answer, StringComparison.Ordinal);
        Assert.Contains("nobody", answer, StringComparison.Ordinal);
        Assert.Single(bot.LabelStudio.MlCalls("GET", $"/api/ml/{backend.Id}"));
        Assert.Contains($"backend #{backend.Id}", await bot.RunAsync("watches"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_project_lists_its_backends_with_their_state()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, _, ml) = await bot.AddBackendAsync("yolo");
        bot.LabelStudio.AddBackend(project.Id, ml.Url, "bird-net");

        var answer = await bot.RunAsync("watch", Option("project", project.Id));

        Assert.Contains($"Watching {project.Title}", answer, StringComparison.Ordinal);
        Assert.Contains("yolo", answer, StringComparison.Ordinal);
        Assert.Contains("bird-net", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "Say what to watch")]
    [InlineData(true, "not both")]
    public async Task Watch_needs_exactly_one_of_backend_and_project_and_says_so_at_once(bool both, string problem)
    {
        await using var bot = await WatchSteps.StartAsync();

        var id = await bot.SlashAsync("watch", both ? [Option("backend", 1), Option("project", 1)] : []);

        await bot.AssertAnsweredAtOnceAsync(id, problem);
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml/1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_of_an_unknown_backend_fails_in_place_and_watches_nothing()
    {
        await using var bot = await WatchSteps.StartAsync();

        var id = await bot.SlashAsync("watch", Option("backend", 999));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("999", error, StringComparison.Ordinal);
        Assert.Contains("Nothing yet", await bot.RunAsync("watches"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_with_a_role_that_cannot_ping_says_so_and_how_to_make_it_ping()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, _) = await bot.AddBackendAsync();
        bot.Discord.SetEveryonePermissions(WatchSteps.EveryoneWithoutMentionEveryone);
        var onCall = bot.Discord.AddRole("on-call");

        var answer = await bot.RunAsync("watch", Option("backend", backend.Id), IdOption("mention", 8, onCall));

        Assert.Contains($"Watching #{backend.Id} yolo", answer, StringComparison.Ordinal);
        Assert.Contains("does not ping anyone", answer, StringComparison.Ordinal);
        Assert.Contains("Server Settings → Roles → on-call → Allow anyone to @mention this role", answer, StringComparison.Ordinal);
        Assert.Contains("Mention @everyone, @here, and All Roles", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Watch_with_a_role_that_pings_gives_no_warning(bool mentionable, bool botMayMentionEveryone)
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, _) = await bot.AddBackendAsync();
        if (!botMayMentionEveryone)
            bot.Discord.SetEveryonePermissions(WatchSteps.EveryoneWithoutMentionEveryone);
        var onCall = bot.Discord.AddRole("on-call", mentionable);

        var answer = await bot.RunAsync("watch", Option("backend", backend.Id), IdOption("mention", 8, onCall));

        Assert.Contains($"<@&{onCall}>", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("does not ping", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watching_the_same_backend_again_changes_the_mention_instead_of_adding_a_watch()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, _) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id));

        var again = await bot.RunAsync("watch", Option("backend", backend.Id), IdOption("mention", 8, WatchSteps.OnCallRole));
        var list = await bot.RunAsync("watches");

        Assert.Contains("Already watching", again, StringComparison.Ordinal);
        Assert.Contains($"<@&{WatchSteps.OnCallRole}> (was nobody)", again, StringComparison.Ordinal);
        Assert.Single(list.Split("👀").Skip(1));
        Assert.Contains($"pings <@&{WatchSteps.OnCallRole}>", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwatch_stops_a_watch_and_a_second_unwatch_says_there_was_none()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (_, backend, _) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id));

        var first = await bot.RunAsync("unwatch", Option("backend", backend.Id));
        var second = await bot.RunAsync("unwatch", Option("backend", backend.Id));

        Assert.Contains($"Stopped watching backend #{backend.Id}", first, StringComparison.Ordinal);
        Assert.Contains($"this channel does not watch backend #{backend.Id}", second, StringComparison.Ordinal);
        Assert.Contains("Nothing yet", await bot.RunAsync("watches"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watches_lists_only_this_channels_watches()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, backend, _) = await bot.AddBackendAsync();
        await bot.RunAsync("watch", Option("backend", backend.Id));
        await bot.RunInAsync(WatchSteps.OtherChannel, "watch", Option("project", project.Id));

        var here = await bot.RunAsync("watches");

        Assert.Contains($"backend #{backend.Id}", Assert.Single(here.Split("👀").Skip(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_by_a_viewer_is_denied()
    {
        await using var bot = await WatchSteps.StartAsync();

        var id = await bot.SlashAsAsync([WriteCommandKit.ViewerRole], "watch", Option("backend", 1));

        await bot.AssertAnsweredAtOnceAsync(id, "operate");
    }

    [Fact]
    public async Task Watch_in_a_direct_message_works_for_a_user_allowed_to_operate_there()
    {
        await using var bot = await WatchSteps.StartAsync(($"Access:DirectMessageUsers:{UserId}", "Operate"));
        var (_, backend, _) = await bot.AddBackendAsync("yolo");

        var id = await bot.InDirectMessageAsync("watch", Option("backend", backend.Id));
        var answer = WriteCommandKit.Text((await bot.FinalAnswerAsync(id)).Body);

        Assert.Contains($"Watching #{backend.Id} yolo", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_watch_commands()
    {
        await using var bot = await WatchSteps.StartAsync();

        var help = await bot.RunAsync("help");

        Assert.Contains("/ml watch [backend] [project] [mention]", help, StringComparison.Ordinal);
        Assert.Contains("/ml unwatch", help, StringComparison.Ordinal);
        Assert.Contains("/ml watches", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_marks_the_watched_backends()
    {
        await using var bot = await WatchSteps.StartAsync();
        var (project, watched, ml) = await bot.AddBackendAsync("watched-one");
        bot.LabelStudio.AddBackend(project.Id, ml.Url, "quiet-one");
        await bot.RunAsync("watch", Option("backend", watched.Id));

        var board = await bot.RunAsync("status");

        Assert.Contains("watched-one · 0.0.1 👀", board, StringComparison.Ordinal);
        Assert.DoesNotContain("quiet-one · 0.0.1 👀", board, StringComparison.Ordinal);
        Assert.Contains("👀 watched in a channel", board, StringComparison.Ordinal);
    }
}
