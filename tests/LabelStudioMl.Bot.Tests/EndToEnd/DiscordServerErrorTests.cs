using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>Discord failing for a moment (502 from Cloudflare, 500 from the API) while a user runs a command.</summary>
public sealed class DiscordServerErrorTests
{
    [Theory]
    [InlineData(false, 204)]
    [InlineData(true, 400)]
    public async Task A_502_on_the_deferral_is_retried_and_the_user_still_gets_the_answer(bool firstAttemptLanded, int retryStatus)
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "yolo");
        bot.Discord.FailNextRequests("/callback", 1, status: 502, landed: firstAttemptLanded);

        var id = await bot.SlashAsync("get", Option("backend", backend.Id));
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Contains("yolo", WriteCommandKit.Text(answer.Body), StringComparison.Ordinal);
        // When the first deferral had gone through, Discord refuses the second with 40060: the bot takes that as done.
        Assert.Equal([502, retryStatus], bot.Discord.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).Select(r => r.Status));
        Assert.Equal(5, Assert.Single(bot.Discord.InteractionCallbacks, c => c.InteractionId == id).Type);
    }
}
