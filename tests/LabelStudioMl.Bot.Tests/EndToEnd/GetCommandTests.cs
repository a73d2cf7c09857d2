using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml get</c> through FakeDiscord's gateway and FakeLabelStudio, as a user sees it.</summary>
public sealed class GetCommandTests
{
    [Fact]
    public async Task Get_defers_then_shows_the_backend_in_the_channel()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        ml.ModelVersion = "v8.1";
        var backend = bot.LabelStudio.AddBackend(project.Id, ml.Url, "yolo");

        var id = await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id));
        var answer = await bot.FinalAnswerAsync(id);

        var callback = await bot.CallbackAsync(id);
        Assert.Equal(5, callback.Type);
        Assert.False(callback.Ephemeral);
        var embed = answer.Embeds.Single()!;
        Assert.StartsWith($"🟢 #{backend.Id} yolo", embed["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("v8.1", answer.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NONE", "ann", "s3cret", "basic as `ann`")] // sent whatever auth_method says (ml/api_connector.py _prepare_kwargs)
    [InlineData("BASIC_AUTH", "ann", "s3cret", "basic as `ann`")]
    [InlineData("BASIC_AUTH", "", "s3cret", "none: basic auth is chosen")]
    [InlineData("NONE", "", "", "none")]
    public async Task Get_shows_the_auth_Label_Studio_really_sends_to_the_ML_server(string method, string user, string password, string shown)
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "yolo");
        backend.AuthMethod = method;
        backend.BasicAuthUser = user;
        backend.BasicAuthPass = password;

        var answer = await bot.FinalAnswerAsync(await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id)));

        var auth = answer.Embeds.Single()!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "Auth")!["value"]!.GetValue<string>();
        Assert.StartsWith(shown, auth, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", answer.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_an_unknown_backend_says_what_to_do_in_place_of_the_deferral()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.SlashAsync("get", FakeInteractions.Option("backend", 4242));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("/ml list", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_when_Label_Studio_is_slower_than_three_seconds_is_deferred_first()
    {
        await using var bot = await BotHarness.StartAsync(labelStudioOptions: new FakeLabelStudioOptions());
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "slow");
        bot.LabelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(4);

        var id = await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id));
        var callback = await bot.CallbackAsync(id);
        var editsWhenDeferred = bot.Discord.OriginalEdits.Count;
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Equal(5, callback.Type);
        Assert.Equal(0, editsWhenDeferred);
        Assert.Contains("slow", answer.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_interaction_delivered_twice_runs_once()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "once");
        var interaction = FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", backend.Id)));
        interaction["id"] = "1200000000000000001";

        var id = await bot.Discord.PushInteractionAsync(interaction);
        await bot.Discord.PushInteractionAsync(interaction);
        await bot.FinalAnswerAsync(id);
        await Task.Delay(500);

        Assert.Single(bot.Discord.InteractionCallbacks, c => c.InteractionId == id);
        Assert.Single(bot.LabelStudio.Requests, r => r.Path == $"/api/ml/{backend.Id}");
    }

    [Fact]
    public async Task A_member_of_an_unconfigured_guild_is_denied_privately_without_a_Label_Studio_call()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { [$"Access:Guilds:{FakeDiscordGuild}:View:0"] = "1100000000000000499" });

        var id = await bot.SlashAsAsync(["1100000000000000401"], "get", FakeInteractions.Option("backend", 1));
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("view", callback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_in_direct_messages_are_denied()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.Discord.PushInteractionAsync(FakeInteractions.InDirectMessage(
            FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", 1)))));
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("direct messages", callback.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_numeric_backend_is_refused_at_once_with_the_usage()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.SlashAsync("get", FakeInteractions.Option("backend", "yolo"));
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("whole number", callback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backend_id_that_is_not_positive_is_refused_at_once()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.SlashAsync("get", FakeInteractions.Option("backend", 0));
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("positive id", callback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal));
    }

    private const string FakeDiscordGuild = "1100000000000000100";
}
