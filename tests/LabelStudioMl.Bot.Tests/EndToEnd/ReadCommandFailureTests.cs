using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// What every read command does when things go wrong: Label Studio down or slow, a caller without access, a direct
/// message, a bad input, the same interaction delivered twice.
/// </summary>
public sealed class ReadCommandFailureTests
{
    private const string FakeDiscordGuild = "1100000000000000100";

    [Theory]
    [InlineData("list")]
    [InlineData("versions")]
    [InlineData("status")]
    public async Task When_Label_Studio_is_down_the_command_says_what_to_do_in_place_of_the_deferral(string command)
    {
        await using var bot = await BotHarness.StartAsync();
        var (project, backend) = await OneBackendAsync(bot);
        bot.LabelStudio.FailNextRequests(503, 50);

        var id = await bot.SlashAsync(command, ValidOptions(command, project, backend));
        await bot.ErrorInPlaceAsync(id);

        var shown = bot.Discord.ShownOriginal(id)!;
        Assert.Contains(shown["embeds"]![0]!["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "What to do");
        Assert.Contains("503", Footer(shown), StringComparison.Ordinal);
        AssertDiscordAcceptedEverything(bot);
    }

    [Theory]
    [InlineData("list", "/api/ml/", "null")]
    [InlineData("list", "/api/ml/", "[null]")]
    [InlineData("versions", "/api/ml/", "null")]
    [InlineData("status", "/api/projects/", "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": null}")]
    public async Task A_JSON_null_where_Label_Studio_sends_a_list_or_an_object_is_an_unexpected_answer_not_a_bug(string command, string path, string json)
    {
        await using var bot = await BotHarness.StartAsync();
        var (project, backend) = await OneBackendAsync(bot);
        bot.LabelStudio.AnswerNextRequestWithJson(json, path);

        var error = await bot.ErrorInPlaceAsync(await bot.SlashAsync(command, ValidOptions(command, project, backend)));

        Assert.Contains("Label Studio answered unexpectedly", error, StringComparison.Ordinal);
        Assert.Contains("answered 200 with JSON null where Label Studio sends an object or a list", error, StringComparison.Ordinal);
        Assert.Contains("check that LabelStudio:Url is Label Studio", error, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("versions")]
    [InlineData("status")]
    public async Task When_Label_Studio_is_slower_than_three_seconds_the_command_is_deferred_first(string command)
    {
        await using var bot = await BotHarness.StartAsync();
        var (project, backend) = await OneBackendAsync(bot);
        bot.LabelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(4);

        var id = await bot.SlashAsync(command, ValidOptions(command, project, backend));
        var callback = await bot.CallbackAsync(id);
        var editsWhenDeferred = bot.Discord.OriginalEdits.Count(m => m.ChannelOrInteraction == id);
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Equal(5, callback.Type);
        Assert.Equal(0, editsWhenDeferred);
        Assert.Contains("model-1", answer.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("versions")]
    [InlineData("status")]
    public async Task A_member_without_view_access_is_denied_privately_without_a_Label_Studio_call(string command)
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { [$"Access:Guilds:{FakeDiscordGuild}:View:0"] = "1100000000000000499" });
        await WaitForCatalogAsync(bot);
        bot.LabelStudio.ClearRequests();

        var id = await bot.SlashAsAsync(["1100000000000000401"], command, ValidOptions(command, 1, 1));
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("view", callback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.Requests);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("versions")]
    [InlineData("status")]
    [InlineData("audit")]
    public async Task Commands_in_direct_messages_are_denied(string command)
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.Discord.PushInteractionAsync(FakeInteractions.InDirectMessage(
            FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand(command, ValidOptions(command, 1, 1)))));
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("direct messages", callback.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("status")]
    public async Task A_server_command_without_its_member_gets_no_view_access(string command)
    {
        await using var bot = await BotHarness.StartAsync();
        var interaction = FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand(command, ValidOptions(command, 1, 1)));
        interaction["user"] = interaction["member"]!["user"]!.DeepClone();
        interaction.Remove("member");
        bot.LabelStudio.ClearRequests();

        var id = await bot.Discord.PushInteractionAsync(interaction);
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("without your server membership", callback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.LabelStudio.Requests, r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("list", "project", "abc", "whole number")]
    [InlineData("list", "project", "-3", "positive id")]
    [InlineData("versions", "backend", "yolo", "whole number")]
    [InlineData("versions", "backend", "0", "positive id")]
    [InlineData("audit", "backend", "x", "whole number")]
    [InlineData("status", "project", "3", "has no option")]
    public async Task Invalid_input_is_refused_at_once_privately_with_the_fix(string command, string option, string typed, string fix)
    {
        await using var bot = await BotHarness.StartAsync();
        await WaitForCatalogAsync(bot);
        bot.LabelStudio.ClearRequests();
        var value = long.TryParse(typed, out var number) ? FakeInteractions.Option(option, number) : FakeInteractions.Option(option, typed);

        var id = await bot.SlashAsAsync([BotHarness.OperatorRole, BotHarness.AdminRole], command, value);
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains(fix, callback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.Requests);
    }

    [Theory]
    [InlineData("list", 1)]
    [InlineData("versions", 2)]
    [InlineData("status", 1)]
    [InlineData("audit", 0)]
    public async Task The_same_interaction_delivered_twice_runs_once(string command, int backendReadsPerRun)
    {
        // One dispatch worker: deliveries are acknowledged in order, so once the marker is answered a repeat would have
        // been acknowledged too; the command itself runs on past its acknowledgement, so its answer is awaited as well.
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { ["Discord:DispatchConcurrency"] = "1" });
        var (project, backend) = await OneBackendAsync(bot);
        bot.LabelStudio.ClearRequests();
        var interaction = FakeInteractions.SlashCommandBy(
            [BotHarness.OperatorRole, BotHarness.AdminRole], "0", "ml", FakeInteractions.SubCommand(command, ValidOptions(command, project, backend)));
        interaction["id"] = "1200000000000000001";

        var id = await bot.Discord.PushInteractionAsync(interaction);
        await bot.Discord.PushInteractionAsync(interaction);
        var marker = await bot.SlashAsync("help");
        await bot.FinalAnswerAsync(marker);
        await bot.FinalAnswerAsync(id);

        Assert.Single(bot.Discord.InteractionCallbacks, c => c.InteractionId == id);
        Assert.Single(bot.Discord.OriginalEdits, m => m.ChannelOrInteraction == id);
        Assert.Equal(backendReadsPerRun, bot.LabelStudio.Requests.Count(r => r.Path.StartsWith("/api/ml", StringComparison.Ordinal)));
        AssertDiscordAcceptedEverything(bot);
    }

    /// <summary>A project with one backend named model-1, once the start-up catalog refresh is done (so it cannot interleave).</summary>
    private static async Task<(int Project, int Backend)> OneBackendAsync(BotHarness bot)
    {
        await WaitForCatalogAsync(bot);
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        return (project.Id, bot.LabelStudio.AddBackend(project.Id, ml.Url, "model-1").Id);
    }

    private static Task WaitForCatalogAsync(BotHarness bot)
    {
        var catalog = bot.Host.Services.GetRequiredService<BackendCatalog>();
        return FakeDiscord.WaitUntilAsync(() => catalog.RefreshedAt is not null, TimeSpan.FromSeconds(20), "the start-up catalog refresh");
    }
}
