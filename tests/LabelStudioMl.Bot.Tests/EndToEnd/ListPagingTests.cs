using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>A long <c>/ml list</c> is browsed page by page with Prev/Next, each page within Discord's limits.</summary>
public sealed partial class ListPagingTests
{
    private const int BackendCount = 200;

    [Fact]
    public async Task A_project_with_200_backends_is_listed_in_pages_that_Prev_and_Next_browse_through_every_backend_once()
    {
        await using var bot = await BotHarness.StartAsync();
        var (project, backendIds) = await FleetAsync(bot);

        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", project));
        var first = (await bot.FinalAnswerAsync(id)).Body;

        var pageCount = PageCount(first);
        Assert.True(pageCount > 1, "200 backends need more than one page");
        var (prev, next) = PageButtons(first);
        Assert.True(IsDisabled(prev));
        Assert.False(IsDisabled(next));

        var seen = new List<int>(BackendIds(first));
        var shown = first;
        for (var page = 2; page <= pageCount; page++)
        {
            shown = await PressAsync(bot, shown, PageButtons(shown).Next);
            Assert.Equal($"Page {page}/{pageCount}", Footer(shown));
            seen.AddRange(BackendIds(shown));
        }

        Assert.Equal(backendIds, seen);
        Assert.True(IsDisabled(PageButtons(shown).Next));
        Assert.False(IsDisabled(PageButtons(shown).Prev));

        var back = await PressAsync(bot, shown, PageButtons(shown).Prev);
        Assert.Equal($"Page {pageCount - 1}/{pageCount}", Footer(back));
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task Every_page_of_a_200_backend_list_fits_Discords_message_limits()
    {
        await using var bot = await BotHarness.StartAsync();
        var (project, _) = await FleetAsync(bot, title: new string('W', 90));

        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", project));
        var shown = (await bot.FinalAnswerAsync(id)).Body;
        var pages = new List<JsonObject> { shown };
        while (!IsDisabled(PageButtons(shown).Next))
            pages.Add(shown = await PressAsync(bot, shown, PageButtons(shown).Next));

        Assert.Equal(PageCount(pages[0]), pages.Count);
        Assert.True(pages.Count > 1, "200 backends need more than one page");
        Assert.All(pages, page =>
        {
            Assert.Single(page["embeds"]!.AsArray());
            Assert.InRange(Description(page).Length, 1, 4096);
            Assert.InRange(Title(page).Length, 1, 256);
            Assert.InRange(Title(page).Length + Description(page).Length + Footer(page).Length, 1, 6000);
        });
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task After_the_page_session_expires_Prev_and_Next_are_disabled_and_the_shown_page_stays()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHarness.StartAsync(services: s => s.AddSingleton(sp => PageSessionStore.On(sp.GetRequiredService<BotDatabase>(), clock)));
        var (project, _) = await FleetAsync(bot, count: 40);
        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", project));
        var first = (await bot.FinalAnswerAsync(id)).Body;

        clock.Advance(PageSessionStore.Lifetime + TimeSpan.FromMinutes(1));
        var after = await PressAsync(bot, first, PageButtons(first).Next);

        Assert.Equal(Description(first), Description(after));
        Assert.Equal(Footer(first), Footer(after));
        var (prev, next) = PageButtons(after);
        Assert.True(IsDisabled(prev));
        Assert.True(IsDisabled(next));
        AssertDiscordAcceptedEverything(bot);
    }

    [Theory]
    [InlineData("other server")]
    [InlineData("direct message")]
    [InlineData("other channel")]
    public async Task Pages_go_only_to_presses_where_the_list_was_shown(string where)
    {
        await using var bot = await BotHarness.StartAsync();
        var (project, _) = await FleetAsync(bot, count: 40);
        var first = (await bot.FinalAnswerAsync(await bot.SlashAsync("list", FakeInteractions.Option("project", project)))).Body;
        var press = PressOn(first, PageButtons(first).Next["custom_id"]!.GetValue<string>());
        switch (where)
        {
            case "other server":
                press["guild_id"] = "1100000000000009999";
                break;
            case "direct message":
                press = FakeInteractions.InDirectMessage(press);
                break;
            default:
                press["channel_id"] = "1100000000000000299";
                press["channel"] = new JsonObject { ["id"] = "1100000000000000299", ["type"] = 0 };
                break;
        }

        var callback = await bot.CallbackAsync(await bot.Discord.PushInteractionAsync(press));

        Assert.DoesNotContain("Page 2/", WriteCommandKit.Text(callback.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("model-030", WriteCommandKit.Text(callback.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_page_session_expires_Next_still_shows_the_next_page()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHarness.StartAsync(services: s => s.AddSingleton(sp => PageSessionStore.On(sp.GetRequiredService<BotDatabase>(), clock)));
        var (project, _) = await FleetAsync(bot, count: 40);
        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", project));
        var first = (await bot.FinalAnswerAsync(id)).Body;

        clock.Advance(PageSessionStore.Lifetime - TimeSpan.FromMinutes(1));
        var after = await PressAsync(bot, first, PageButtons(first).Next);

        Assert.StartsWith("Page 2/", Footer(after), StringComparison.Ordinal);
        Assert.False(IsDisabled(PageButtons(after).Prev));
    }

    private static async Task<(int Project, List<int> BackendIds)> FleetAsync(BotHarness bot, int count = BackendCount, string title = "Fleet")
    {
        var project = bot.LabelStudio.AddProject(title);
        var ml = await bot.LabelStudio.StartMlServerAsync();
        var ids = Enumerable.Range(1, count).Select(i => bot.LabelStudio.AddBackend(project.Id, ml.Url, $"model-{i:000}").Id).ToList();
        return (project.Id, ids);
    }

    /// <summary>Presses a button on the shown message and returns the message as updated in place (callback type 7).</summary>
    private static async Task<JsonObject> PressAsync(BotHarness bot, JsonObject shown, JsonObject button)
    {
        var pressId = await bot.Discord.PushInteractionAsync(PressOn(shown, button["custom_id"]!.GetValue<string>()));
        var callback = await bot.CallbackAsync(pressId);
        Assert.Equal(7, callback.Type);
        return callback.Body["data"]!.AsObject();
    }

    private static int PageCount(JsonObject message) => int.Parse(PageFooter().Match(Footer(message)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<int> BackendIds(JsonObject message) =>
        BackendId().Matches(Description(message)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Page 1/(\d+)")]
    private static partial Regex PageFooter();

    [GeneratedRegex(@"\*\*#(\d+)\*\*")]
    private static partial Regex BackendId();
}
