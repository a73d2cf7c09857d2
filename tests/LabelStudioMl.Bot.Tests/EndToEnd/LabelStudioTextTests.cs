using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// Label Studio's error text reaches users as text only: the bot's own credentials in it are masked, its links
/// show where they go, and characters that are not seen but change what is read are gone.
/// </summary>
[Collection(CapturedLogsGroup.Name)]
public sealed partial class LabelStudioTextTests
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

    [Theory]
    [InlineData("get")]
    [InlineData("list")]
    public async Task Names_lose_their_bidirectional_controls_and_zero_width_characters_but_keep_joined_emoji(string command)
    {
        // A right-to-left override makes "yolo" U+202E "8v" read as "yolov8" while it is not; a zero-width space hides in
        // "Ca" U+200B "rs"; a title of only U+200B looks empty. 👩‍💻 needs its zero-width joiner.
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("\u2067Ca\u200Brs\u2069");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        var backend = bot.LabelStudio.AddBackend(project.Id, ml.Url, "\U0001F469\u200D\U0001F4BB yolo\u202E8v");
        var blank = bot.LabelStudio.AddBackend(project.Id, ml.Url, "\u200B\u200D");

        var option = command == "get" ? FakeInteractions.Option("backend", backend.Id) : FakeInteractions.Option("project", project.Id);
        var answer = await bot.FinalAnswerAsync(await bot.SlashAsync(command, option));

        var shown = WriteCommandKit.Text(answer.Body);
        var id = command == "get" ? $"#{backend.Id}" : $"**#{backend.Id}**";
        Assert.Contains($"{id} \U0001F469\u200D\U0001F4BB yolo8v", shown, StringComparison.Ordinal);
        Assert.Contains("Cars", shown, StringComparison.Ordinal);
        if (command == "list")
            Assert.Contains($"**#{blank.Id}** untitled", shown, StringComparison.Ordinal);
        Assert.Empty(InvisibleIn(bot));
    }

    [Fact]
    public async Task Label_Studios_error_text_loses_its_invisible_characters_in_the_reply_and_the_log()
    {
        await using var bot = await BotHarness.StartAsync(BotHarness.InformationLogging());
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, new Uri("http://ml:9090"), "yolo");
        bot.LabelStudio.FailNextRequestsWithDetail(400, "Training failed:\n\u200B\nsee \u202Etxt.gol\u202C for why");

        var shown = await bot.ErrorInPlaceAsync(await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id)));

        Assert.Contains("see txt.gol for why", shown, StringComparison.Ordinal);
        Assert.Empty(InvisibleIn(bot));
        var logged = Assert.Single(bot.Logs.Messages, l => l.Contains("for why", StringComparison.Ordinal));
        Assert.Contains("see txt.gol for why", logged, StringComparison.Ordinal);
        Assert.DoesNotMatch(Invisible(), logged);
    }

    /// <summary>
    /// The invisible characters in any text the bot sent to Discord (messages, embeds, buttons, choices): bidirectional
    /// controls, zero-width characters other than a joiner between two visible ones, and the other invisible fillers.
    /// </summary>
    private static List<string> InvisibleIn(BotHarness bot)
    {
        var bodies = bot.Discord.InteractionCallbacks.Select(c => (JsonNode)c.Body)
            .Concat(bot.Discord.OriginalEdits.Select(m => m.Body)).Concat(bot.Discord.FollowUps.Select(m => m.Body))
            .Concat(bot.Discord.ChannelMessages.Select(m => m.Body));
        return [.. bodies.SelectMany(Strings).Where(s => Invisible().IsMatch(s))];
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    // U+200C/U+200D count only when not between two visible characters.
    [GeneratedRegex(@"[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0]|\uDB40[\uDC00-\uDC7F]|(?<![^\s\u200C\u200D])[\u200C\u200D]|[\u200C\u200D](?![^\s\u200C\u200D])")]
    private static partial Regex Invisible();
}
