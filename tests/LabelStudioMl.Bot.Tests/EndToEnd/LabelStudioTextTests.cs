using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// Label Studio's error text reaches users as text only: the bot's own credentials in it are masked, and its links
/// show where they go.
/// </summary>
public sealed class LabelStudioTextTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_bots_own_key_and_access_token_in_Label_Studios_error_are_masked(bool personalAccessToken)
    {
        await using var bot = await BotHarness.StartAsync(personalAccessToken: personalAccessToken);
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, new Uri("http://ml:9090"), "yolo");
        await bot.FinalAnswerAsync(await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id)));
        // What the bot sent: its legacy token, or the access token it got for its personal access token (and that key).
        var secrets = bot.LabelStudio.Requests.Select(r => r.Headers.GetValueOrDefault("Authorization") ?? "")
            .Select(a => a.Split(' ', 2).Last()).Where(s => s.Length > 0).Distinct().ToList();
        if (personalAccessToken)
            secrets.Add(bot.Host.Services.GetRequiredService<IConfiguration>()["LabelStudio:ApiKey"]!);
        Assert.Equal(personalAccessToken ? 2 : 1, secrets.Count);

        bot.LabelStudio.FailNextRequestsWithDetail(403, $"Credentials {string.Join(", ", secrets)} are not allowed here.");
        var id = await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id));
        var shown = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("are not allowed here", shown, StringComparison.Ordinal);
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.Contains("Credentials (redacted)", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_in_Label_Studios_error_shows_its_address_and_is_not_a_masked_link()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, new Uri("http://ml:9090"), "yolo");
        bot.LabelStudio.FailNextRequestsWithDetail(403, "Your session ended. <a href=\"https://evil.example/login\">Sign in to labelstud.io</a> again.");

        var id = await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id));
        var shown = await bot.ErrorInPlaceAsync(id);

        Assert.Contains("Sign in to labelstud.io (`https://evil.example/login`) again", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://evil.example", shown, StringComparison.Ordinal);
        AssertDiscordAcceptedEverything(bot);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("list")]
    public async Task Markdown_in_backend_and_project_names_shows_as_typed_in_embed_titles(string command)
    {
        // Embed titles render bold, italics, strike-through and code spans, so a name's markdown is escaped there too.
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("~~Cars~~");
        var backend = bot.LabelStudio.AddBackend(project.Id, new Uri("http://ml:9090"), "**yolo**_v8_");

        var option = command == "get" ? FakeInteractions.Option("backend", backend.Id) : FakeInteractions.Option("project", project.Id);
        var answer = await bot.FinalAnswerAsync(await bot.SlashAsync(command, option));

        var title = answer.Embeds.First()!["title"]!.GetValue<string>();
        Assert.Contains(@"\~\~Cars\~\~", title, StringComparison.Ordinal);
        if (command == "get")
            Assert.Contains(@"\*\*yolo\*\*\_v8\_", title, StringComparison.Ordinal);
    }
}
