using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// Every interaction gets an answer, even one the bot cannot read or does not handle: the user is told privately
/// that nothing was run, instead of Discord's "The application did not respond".
/// </summary>
public sealed class UnreadableInteractionTests
{
    public static TheoryData<string> Unreadable => ["guild id that is not an id", "options nested 100 deep", "type 99", "modal submit"];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_interaction_the_bot_cannot_run_is_answered_privately_and_runs_nothing(string what)
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var interaction = FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("list", FakeInteractions.Option("project", project.Id)));
        switch (what)
        {
            case "guild id that is not an id":
                interaction["guild_id"] = "not-a-snowflake";
                break;
            case "options nested 100 deep":
                var nested = FakeInteractions.Option("project", project.Id);
                for (var depth = 0; depth < 100; depth++)
                    nested = new JsonObject { ["name"] = "deeper", ["type"] = 2, ["options"] = new JsonArray(nested) };
                interaction["data"]!["options"]![0]!["options"] = new JsonArray(nested);
                break;
            case "type 99":
                interaction["type"] = 99;
                break;
            default:
                // receiving-and-responding.mdx, "Interaction Type": MODAL_SUBMIT is 5; this bot opens no modals.
                interaction["type"] = 5;
                interaction["data"] = new JsonObject { ["custom_id"] = "form", ["components"] = new JsonArray() };
                break;
        }

        var callback = await bot.CallbackAsync(await bot.Discord.PushInteractionAsync(interaction));

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("nothing was run", callback.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_given_twice_is_refused_naming_it_instead_of_the_last_one_winning()
    {
        await using var bot = await BotHarness.StartAsync();
        var cars = bot.LabelStudio.AddProject("Cars");
        var boats = bot.LabelStudio.AddProject("Boats");

        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", cars.Id), FakeInteractions.Option("project", boats.Id));
        var callback = await bot.CallbackAsync(id);

        Assert.True(callback.Ephemeral);
        var shown = callback.Body["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("`project` is given twice", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Boats", shown, StringComparison.Ordinal);
    }
}
