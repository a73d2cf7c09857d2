using LabelStudioMl.Bot.Testing.Discord;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml versions backend</c> as a user sees it in the channel.</summary>
public sealed class VersionsCommandTests
{
    [Fact]
    public async Task Versions_lists_the_ML_servers_model_versions_and_marks_the_current_one()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        ml.ModelVersion = "v2";
        ml.Versions = ["v1", "v2", "v3"];
        var backend = bot.LabelStudio.AddBackend(project.Id, ml.Url, "yolo");

        var id = await bot.SlashAsync("versions", FakeInteractions.Option("backend", backend.Id));
        var answer = await bot.FinalAnswerAsync(id);

        var callback = await bot.CallbackAsync(id);
        Assert.Equal(5, callback.Type);
        Assert.False(callback.Ephemeral);
        Assert.StartsWith($"🟢 #{backend.Id} yolo", Title(answer.Body), StringComparison.Ordinal);
        var text = Description(answer.Body);
        Assert.Contains("• v1", text, StringComparison.Ordinal);
        Assert.Contains("**v2** (current)", text, StringComparison.Ordinal);
        Assert.Contains("• v3", text, StringComparison.Ordinal);
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task Versions_of_an_ML_server_without_a_versions_route_explains_Label_Studios_fallback()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        ml.Versions = null;
        var backend = bot.LabelStudio.AddBackend(project.Id, ml.Url, "old-sdk");

        var id = await bot.SlashAsync("versions", FakeInteractions.Option("backend", backend.Id));
        var answer = await bot.FinalAnswerAsync(id);

        var saying = Assert.Single(answer.Embeds[0]!["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "Label Studio says")!;
        var text = saying["value"]!.GetValue<string>();
        Assert.Contains("Upgrade your ML backend version", text, StringComparison.Ordinal);
        Assert.Contains("no `/versions` route", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_of_an_unknown_backend_says_what_to_do_in_place_of_the_deferral()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.SlashAsync("versions", FakeInteractions.Option("backend", 4242));
        var error = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("/ml list", error, StringComparison.Ordinal);
    }
}
