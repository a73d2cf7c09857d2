using System.Text;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// The bot as a real process against both fakes, logging everything (Verbose): after adding a backend with a basic-auth password,
/// reading it, failing on purpose and training, no secret appears in its output, in what it sent to Discord, or in
/// the store.
/// </summary>
public sealed class SecretsTests
{
    private const string Password = "hunter2-basic-auth-secret";

    [Fact]
    public async Task No_token_key_or_password_appears_in_logs_replies_or_the_store()
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        var project = labelStudio.AddProject("Cars");
        var ml = await labelStudio.StartMlServerAsync();
        ml.BasicAuthUser = "bot";
        ml.BasicAuthPassword = Password;
        var key = labelStudio.CreatePersonalAccessToken();
        var database = Path.Combine(Path.GetTempPath(), $"lsbot-secrets-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = labelStudio.BaseUrl.ToString(),
            ["LabelStudio__ApiKey"] = key,
            ["Storage__ConnectionString"] = $"Data Source={database}",
            ["Serilog__MinimumLevel__Default"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft"] = "Verbose",
            ["Serilog__MinimumLevel__Override__System.Net.Http.HttpClient"] = "Verbose",
            [$"Access__Guilds__{discord.Options.GuildId}__Admin__0"] = "@everyone",
        };
        foreach (var (name, value) in discord.Configuration())
            environment[name.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";

        string? last = null;
        var script = Task.Run(async () =>
        {
            await FakeDiscord.WaitUntilAsync(() => discord.HasLiveConnection, TimeSpan.FromSeconds(60), "the bot to connect");
            var add = await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("add",
                FakeInteractions.Option("url", ml.Url.ToString()), FakeInteractions.Option("project", project.Id),
                FakeInteractions.Option("title", "guarded"), FakeInteractions.Option("basic_auth_user", "bot"),
                FakeInteractions.Option("basic_auth_password", Password))));
            await FakeDiscord.WaitUntilAsync(() => discord.OriginalEdits.Any(m => m.ChannelOrInteraction == add) || discord.FollowUps.Any(m => m.ChannelOrInteraction == add), TimeSpan.FromSeconds(60), "the add answer");
            var backend = labelStudio.Backends.Single();
            await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", backend.Id))));
            await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", 999))));
            await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("update", FakeInteractions.Option("backend", backend.Id), FakeInteractions.Option("title", "guarded-2"))));
            last = await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("train", FakeInteractions.Option("backend", backend.Id))));
        });

        var lines = await BotProcess.ReadUntilAsync([], environment,
            line => last is { } id && line.Contains($"Interaction {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        await script;

        var store = await ReadStoreAsync(database);
        var sentToDiscord = string.Join('\n', discord.Requests.Select(r => r.Body?.ToJsonString() ?? ""));
        var everything = new Dictionary<string, string>
        {
            ["the bot's output"] = string.Join('\n', lines),
            ["what the bot sent to Discord"] = sentToDiscord,
            ["the store"] = store,
        };
        foreach (var (where, text) in everything)
        {
            Assert.False(text.Contains(discord.BotToken, StringComparison.Ordinal), $"The Discord token leaked into {where}.");
            Assert.False(text.Contains(key, StringComparison.Ordinal), $"The Label Studio key leaked into {where}.");
            Assert.False(text.Contains(Password, StringComparison.Ordinal), $"The basic-auth password leaked into {where}.");
        }

        Assert.Contains(lines, l => l.Contains("/ml add", StringComparison.Ordinal) && l.Contains(": ok", StringComparison.Ordinal));
        Assert.Contains("basic_auth_password:***", store, StringComparison.Ordinal);
        Assert.Equal(Password, labelStudio.Backends.Single().BasicAuthPass);
    }

    private static async Task<string> ReadStoreAsync(string database)
    {
        var text = new StringBuilder();
        foreach (var file in new[] { database, database + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }
}
