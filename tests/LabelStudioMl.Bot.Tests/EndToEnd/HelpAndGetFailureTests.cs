using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml help</c> by level, and <c>/ml get</c> when Label Studio itself is down.</summary>
public sealed class HelpAndGetFailureTests
{
    [Fact]
    public async Task Help_lists_only_what_the_caller_may_run_privately()
    {
        await using var bot = await BotHarness.StartAsync();

        var viewer = await bot.SlashAsAsync(["1100000000000000409"], "help");
        var viewerAnswer = await bot.FinalAnswerAsync(viewer);
        var admin = await bot.SlashAsAsync([BotHarness.AdminRole], "help");
        var adminAnswer = await bot.FinalAnswerAsync(admin);

        Assert.True((await bot.CallbackAsync(viewer)).Ephemeral);
        var viewerText = viewerAnswer.Body.ToJsonString();
        Assert.Contains("/ml get backend", viewerText, StringComparison.Ordinal);
        Assert.DoesNotContain("/ml audit", viewerText, StringComparison.Ordinal);
        Assert.Contains("Your access: view", viewerText, StringComparison.Ordinal);
        Assert.Contains("/ml audit", adminAnswer.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Your access: admin", adminAnswer.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_while_Label_Studio_is_down_says_so_in_place_of_the_deferral_with_what_to_check()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.LabelStudio.FailNextRequests(503, count: 100);

        var id = await bot.SlashAsync("get", FakeInteractions.Option("backend", 1));
        var text = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("503", text, StringComparison.Ordinal);
        Assert.Contains("What to do", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_the_bot_no_longer_has_is_answered_privately_instead_of_left_unanswered()
    {
        await using var bot = await BotHarness.StartAsync();

        var id = await bot.Discord.PushInteractionAsync(FakeInteractions.SlashCommand("mlops", FakeInteractions.SubCommand("list")));
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("/ml help", callback.Body.ToJsonString(), StringComparison.Ordinal);
    }
}
