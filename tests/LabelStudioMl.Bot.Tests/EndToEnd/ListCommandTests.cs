using LabelStudioMl.Bot.Testing.Discord;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml list [project]</c> as a user sees it in the channel.</summary>
public sealed class ListCommandTests
{
    [Fact]
    public async Task List_of_a_project_shows_each_of_its_backends_with_state_in_the_channel()
    {
        await using var bot = await BotHarness.StartAsync();
        var cars = bot.LabelStudio.AddProject("Cars");
        var other = bot.LabelStudio.AddProject("Birds");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        var yolo = bot.LabelStudio.AddBackend(cars.Id, ml.Url, "yolo");
        var sam = bot.LabelStudio.AddBackend(cars.Id, ml.Url, "sam");
        bot.LabelStudio.AddBackend(other.Id, ml.Url, "bird-net");

        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", cars.Id));
        var answer = await bot.FinalAnswerAsync(id);

        var callback = await bot.CallbackAsync(id);
        Assert.Equal(5, callback.Type);
        Assert.False(callback.Ephemeral);
        Assert.Contains("Cars", Title(answer.Body), StringComparison.Ordinal);
        var text = Description(answer.Body);
        Assert.Contains($"#{yolo.Id}** yolo", text, StringComparison.Ordinal);
        Assert.Contains($"#{sam.Id}** sam", text, StringComparison.Ordinal);
        Assert.Contains("🟢", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bird-net", text, StringComparison.Ordinal);
        Assert.Empty(answer.Body["components"]?.AsArray() ?? []);
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task List_without_a_project_shows_the_backends_of_every_project_with_project_titles()
    {
        await using var bot = await BotHarness.StartAsync();
        var cars = bot.LabelStudio.AddProject("Cars");
        var birds = bot.LabelStudio.AddProject("Birds");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        bot.LabelStudio.AddBackend(cars.Id, ml.Url, "yolo");
        bot.LabelStudio.AddBackend(birds.Id, ml.Url, "bird-net");

        var id = await bot.SlashAsync("list");
        var answer = await bot.FinalAnswerAsync(id);

        var text = Description(answer.Body);
        Assert.Contains("yolo · Cars", text, StringComparison.Ordinal);
        Assert.Contains("bird-net · Birds", text, StringComparison.Ordinal);
        Assert.Contains("all projects", Title(answer.Body), StringComparison.Ordinal);
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task List_of_a_project_without_backends_says_how_to_add_one()
    {
        await using var bot = await BotHarness.StartAsync();
        var empty = bot.LabelStudio.AddProject("Empty");

        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", empty.Id));
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Contains("/ml add", Description(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_of_a_project_that_does_not_exist_says_so_in_place_of_the_deferral()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", 4242));
        // Label Studio's text is shown markdown-escaped (\#); what a user reads has no backslashes.
        var error = (await bot.ErrorInPlaceAsync(id)).Replace("\\", "", StringComparison.Ordinal);

        // Issue 18, item 4: it said only "Not found." with a hint about backend ids.
        Assert.Contains("Project #4242 was not found", error, StringComparison.Ordinal);
        Assert.Contains("What to do", error, StringComparison.Ordinal);
        Assert.Contains("/ml list without a project", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Check the id", error, StringComparison.Ordinal);
    }
}
