using LabelStudioMl.Bot.Testing.Discord;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>An answer from Label Studio's address larger than <c>LabelStudio:MaxResponseMiB</c> is refused unread.</summary>
public sealed class AnswerSizeTests
{
    private const long Mebibyte = 1024 * 1024;

    [Theory]
    [InlineData(false, "(300 MiB, limit 8 MiB)")]
    [InlineData(true, "(more than 8 MiB, limit 8 MiB)")]
    public async Task A_huge_answer_is_refused_with_its_size_and_the_limit_and_is_not_read(bool chunked, string size)
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        bot.LabelStudio.AnswerNextRequestWithLargeList(300 * Mebibyte, chunked);

        var id = await bot.SlashAsync("list", FakeInteractions.Option("project", project.Id));
        var shown = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("Label Studio's answer was too large", shown, StringComparison.Ordinal);
        Assert.Contains(size, shown, StringComparison.Ordinal);
        Assert.Contains("LabelStudio\\_\\_MaxResponseMiB", shown, StringComparison.Ordinal);
        Assert.True(bot.LabelStudio.LargeAnswerBytesSent < 100 * Mebibyte, $"The bot read {bot.LabelStudio.LargeAnswerBytesSent / Mebibyte} MiB of a 300 MiB answer.");
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task The_limit_is_a_setting_and_an_answer_within_it_is_read()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { ["LabelStudio:MaxResponseMiB"] = "1" });
        var project = bot.LabelStudio.AddProject("Cars");

        bot.LabelStudio.AnswerNextRequestWithLargeList(Mebibyte - 10, chunked: true);
        var within = await bot.FinalAnswerAsync(await bot.SlashAsync("list", FakeInteractions.Option("project", project.Id)));
        bot.LabelStudio.AnswerNextRequestWithLargeList(2 * Mebibyte, chunked: true);
        var over = await bot.ErrorInPlaceAsync(await bot.SlashAsync("list", FakeInteractions.Option("project", project.Id)));

        Assert.Contains("No ML backends here yet", WriteCommandKit.Text(within.Body), StringComparison.Ordinal);
        Assert.Contains("(more than 1 MiB, limit 1 MiB)", over, StringComparison.Ordinal);
    }
}
