using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml status</c>: one board of every backend, as an on-call engineer reads it on a phone.</summary>
public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_shows_every_projects_backends_on_one_board_with_the_project_in_trouble_first()
    {
        await using var bot = await BotHarness.StartAsync();
        var healthy = bot.LabelStudio.AddProject("Healthy cars");
        var broken = bot.LabelStudio.AddProject("Broken birds");
        var up = await bot.LabelStudio.StartMlServerAsync();
        var down = await bot.LabelStudio.StartMlServerAsync();
        bot.LabelStudio.AddBackend(healthy.Id, up.Url, "yolo");
        bot.LabelStudio.AddBackend(broken.Id, down.Url, "bird-net");
        down.Health = MlServerHealth.ServerError;

        var id = await bot.SlashAsync("status");
        var answer = await bot.FinalAnswerAsync(id);

        var callback = await bot.CallbackAsync(id);
        Assert.Equal(5, callback.Type);
        Assert.False(callback.Ephemeral);
        Assert.Single(answer.Embeds);
        var text = Description(answer.Body);
        Assert.Contains("yolo", text, StringComparison.Ordinal);
        Assert.Contains("bird-net", text, StringComparison.Ordinal);
        Assert.Contains("2 projects", text, StringComparison.Ordinal);
        Assert.True(
            text.IndexOf("Broken birds", StringComparison.Ordinal) < text.IndexOf("Healthy cars", StringComparison.Ordinal),
            $"the project with a failing backend comes first:\n{text}");
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task Status_with_no_backends_says_how_to_add_one()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.LabelStudio.AddProject("Empty");

        var id = await bot.SlashAsync("status");
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Contains("/ml add", Description(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_many_backends_stays_one_message_that_Discord_accepts()
    {
        await using var bot = await BotHarness.StartAsync();
        var ml = await bot.LabelStudio.StartMlServerAsync();
        for (var p = 1; p <= 10; p++)
        {
            var project = bot.LabelStudio.AddProject($"Project {p} with a rather long title for a phone screen");
            for (var b = 1; b <= 20; b++)
                bot.LabelStudio.AddBackend(project.Id, ml.Url, $"model-{p}-{b}-with-a-long-name");
        }

        var id = await bot.SlashAsync("status");
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Single(answer.Embeds);
        Assert.InRange(Description(answer.Body).Length, 1, 4096);
        Assert.StartsWith("200 backends", Description(answer.Body), StringComparison.Ordinal);
        Assert.Contains("in 10 projects", Description(answer.Body), StringComparison.Ordinal);
        AssertDiscordAcceptedEverything(bot);
    }
}
