using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// Autocomplete of <c>backend</c> and <c>project</c> while the user types: answered at once (it cannot be deferred)
/// from the catalog the bot refreshes in the background, never by asking Label Studio.
/// </summary>
public sealed class AutocompleteTests
{
    [Fact]
    public async Task Typing_part_of_a_backend_title_offers_the_matching_backends_without_asking_Label_Studio()
    {
        await using var bot = await BotHarness.StartAsync();
        var (yoloCars, sam, yoloBirds) = await CarsAndBirdsAsync(bot);

        var choices = await SuggestAsync(bot, "versions", FakeInteractions.Option("backend", "yolo"));

        Assert.Equal([yoloCars, yoloBirds], choices.Select(c => c.Value));
        Assert.Equal($"#{yoloCars} yolo-cars · Cars (CO)", choices[0].Name);
        Assert.Equal($"#{yoloBirds} yolo-birds · Birds (CO)", choices[1].Name);
        Assert.DoesNotContain(sam, choices.Select(c => c.Value));
        Assert.Empty(bot.LabelStudio.Requests);
    }

    [Fact]
    public async Task Typing_a_project_title_offers_that_projects_backends()
    {
        await using var bot = await BotHarness.StartAsync();
        var (_, _, yoloBirds) = await CarsAndBirdsAsync(bot);

        var choices = await SuggestAsync(bot, "get", FakeInteractions.Option("backend", "bird"));

        Assert.Equal([yoloBirds], choices.Select(c => c.Value));
        Assert.Empty(bot.LabelStudio.Requests);
    }

    [Fact]
    public async Task Typing_an_id_offers_the_backend_with_that_id()
    {
        await using var bot = await BotHarness.StartAsync();
        var (_, sam, _) = await CarsAndBirdsAsync(bot);

        var choices = await SuggestAsync(bot, "versions", FakeInteractions.Option("backend", $"#{sam}"));

        Assert.Contains(sam, choices.Select(c => c.Value));
        Assert.All(choices, c => Assert.StartsWith($"#{sam}", c.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_matches_offer_at_most_25_choices_Discord_accepts()
    {
        await using var bot = await BotHarness.StartAsync();
        await WaitForStartupRefreshAsync(bot);
        var project = bot.LabelStudio.AddProject(new string('P', 120));
        var ml = await bot.LabelStudio.StartMlServerAsync();
        for (var i = 1; i <= 40; i++)
            bot.LabelStudio.AddBackend(project.Id, ml.Url, $"model-{i}");
        await RefreshCatalogAsync(bot);

        var choices = await SuggestAsync(bot, "versions", FakeInteractions.Option("backend", "model"));

        Assert.Equal(25, choices.Count);
        Assert.All(choices, c => Assert.InRange(c.Name.Length, 1, 100));
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task Typing_part_of_a_project_title_for_list_offers_the_matching_projects()
    {
        await using var bot = await BotHarness.StartAsync();
        await CarsAndBirdsAsync(bot);
        var cars = bot.LabelStudio.Projects.Single(p => p.Title == "Cars").Id;

        var choices = await SuggestAsync(bot, "list", FakeInteractions.Option("project", "car"));

        Assert.Equal([(cars, $"#{cars} Cars")], choices.Select(c => (c.Value, c.Name)));
        Assert.Empty(bot.LabelStudio.Requests);
    }

    [Fact]
    public async Task Choices_show_names_without_their_invisible_and_direction_changing_characters()
    {
        await using var bot = await BotHarness.StartAsync();
        await WaitForStartupRefreshAsync(bot);
        var project = bot.LabelStudio.AddProject("Ca\u200Brs");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        var backend = bot.LabelStudio.AddBackend(project.Id, ml.Url, "yolo\u202E8v").Id;
        await RefreshCatalogAsync(bot);

        var choices = await SuggestAsync(bot, "get", FakeInteractions.Option("backend", "yolo"));

        Assert.Equal([(backend, $"#{backend} yolo8v · Cars (CO)")], choices.Select(c => (c.Value, c.Name)));
    }

    /// <summary>Two projects, three backends; the catalog refreshed and the requests of that refresh forgotten.</summary>
    private static async Task<(int YoloCars, int Sam, int YoloBirds)> CarsAndBirdsAsync(BotHarness bot)
    {
        await WaitForStartupRefreshAsync(bot);
        var cars = bot.LabelStudio.AddProject("Cars");
        var birds = bot.LabelStudio.AddProject("Birds");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        var yoloCars = bot.LabelStudio.AddBackend(cars.Id, ml.Url, "yolo-cars").Id;
        var sam = bot.LabelStudio.AddBackend(cars.Id, ml.Url, "sam").Id;
        var yoloBirds = bot.LabelStudio.AddBackend(birds.Id, ml.Url, "yolo-birds").Id;
        await RefreshCatalogAsync(bot);
        return (yoloCars, sam, yoloBirds);
    }

    /// <summary>The refresh the bot runs at start; waited for so it cannot overwrite the one a test asks for.</summary>
    private static Task WaitForStartupRefreshAsync(BotHarness bot)
    {
        var catalog = bot.Host.Services.GetRequiredService<BackendCatalog>();
        return FakeDiscord.WaitUntilAsync(() => catalog.RefreshedAt is not null, TimeSpan.FromSeconds(20), "the start-up catalog refresh");
    }

    /// <summary>What the background refresher does every few minutes, done now.</summary>
    private static async Task RefreshCatalogAsync(BotHarness bot)
    {
        var refresher = bot.Host.Services.GetServices<IHostedService>().OfType<BackendCatalogRefresher>().Single();
        await refresher.RefreshAsync(CancellationToken.None);
        bot.LabelStudio.ClearRequests();
    }

    [Fact]
    public async Task A_server_without_access_configured_and_a_direct_message_user_not_listed_are_offered_nothing()
    {
        await using var bot = await BotHarness.StartAsync();
        await CarsAndBirdsAsync(bot);
        var elsewhere = FakeInteractions.Autocomplete("ml", FakeInteractions.SubCommand("get", FakeInteractions.Focused(FakeInteractions.Option("backend", "yolo"))));
        elsewhere["guild_id"] = "1100000000000009999";

        var inOtherServer = await SuggestAsync(bot, elsewhere);
        var inDirectMessage = await SuggestAsync(bot, FakeInteractions.InDirectMessage(
            FakeInteractions.Autocomplete("ml", FakeInteractions.SubCommand("get", FakeInteractions.Focused(FakeInteractions.Option("backend", "yolo"))))));
        var here = await SuggestAsync(bot, "get", FakeInteractions.Option("backend", "yolo"));

        Assert.Empty(inOtherServer);
        Assert.Empty(inDirectMessage);
        Assert.Equal(2, here.Count);
    }

    /// <summary>Pushes an autocomplete of <c>/ml command</c> with <paramref name="typed"/> focused; returns the type-8 choices.</summary>
    private static Task<List<(string Name, int Value)>> SuggestAsync(BotHarness bot, string command, JsonObject typed) =>
        SuggestAsync(bot, FakeInteractions.Autocomplete("ml", FakeInteractions.SubCommand(command, FakeInteractions.Focused(typed))));

    private static async Task<List<(string Name, int Value)>> SuggestAsync(BotHarness bot, JsonObject autocomplete)
    {
        var id = await bot.Discord.PushInteractionAsync(autocomplete);
        var callback = await bot.CallbackAsync(id);
        Assert.Equal(8, callback.Type);
        var choices = callback.Body["data"]!["choices"]!.AsArray();
        Assert.InRange(choices.Count, 0, 25);
        return choices.Select(c => (c!["name"]!.GetValue<string>(), c["value"]!.GetValue<int>())).ToList();
    }
}
