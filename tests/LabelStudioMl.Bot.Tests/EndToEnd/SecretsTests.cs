using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// The bot as a real process against both fakes, logging everything (Verbose, HTTP headers too) as text and as JSON:
/// after adding a backend with a basic-auth password (the bot probes its health with it), reading it, failing on
/// purpose and training, with a legacy token or a personal access token, no secret appears in its output, in what it
/// sent to Discord, or in the store.
/// </summary>
public sealed class SecretsTests
{
    private const string User = "bot";
    private const string Password = "hunter2-basic-auth-secret";

    [Theory]
    [InlineData("text", false)]
    [InlineData("text", true)]
    [InlineData("json", false)]
    [InlineData("json", true)]
    public async Task No_token_key_or_password_appears_in_logs_replies_or_the_store(string format, bool personalAccessToken)
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        var project = labelStudio.AddProject("Cars");
        var ml = await labelStudio.StartMlServerAsync();
        ml.BasicAuthUser = User;
        ml.BasicAuthPassword = Password;
        var key = personalAccessToken ? labelStudio.CreatePersonalAccessToken() : labelStudio.LegacyToken;
        var database = Path.Combine(Path.GetTempPath(), $"lsbot-secrets-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = labelStudio.BaseUrl.ToString(),
            ["LabelStudio__ApiKey"] = key,
            ["Storage__ConnectionString"] = $"Data Source={database}",
            ["Logging__Format"] = format,
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
                FakeInteractions.Option("title", "guarded"), FakeInteractions.Option("basic_auth_user", User),
                FakeInteractions.Option("basic_auth_password", Password))));
            await FakeDiscord.WaitUntilAsync(() => discord.OriginalEdits.Any(m => m.ChannelOrInteraction == add) || discord.FollowUps.Any(m => m.ChannelOrInteraction == add), TimeSpan.FromSeconds(60), "the add answer");
            var backend = labelStudio.Backends.Single();
            await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", backend.Id))));
            await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", 999))));
            await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("update", FakeInteractions.Option("backend", backend.Id), FakeInteractions.Option("title", "guarded-2"))));
            last = await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("train", FakeInteractions.Option("backend", backend.Id))));
        });

        var lines = await BotProcess.ReadUntilAsync([], environment,
            line => last is { } id && MessageOf(line).Contains($"Interaction {id}", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        await script;

        var secrets = new Dictionary<string, string>
        {
            ["the Discord token"] = discord.BotToken,
            ["the Label Studio key"] = key,
            ["the basic-auth password"] = Password,
            ["the basic-auth credentials (base64)"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")),
        };
        var accessTokens = labelStudio.Requests.Select(r => r.Headers.GetValueOrDefault("Authorization") ?? "")
            .Where(a => a.StartsWith("Bearer ", StringComparison.Ordinal)).Select(a => a["Bearer ".Length..]).Distinct().ToList();
        Assert.Equal(personalAccessToken, accessTokens.Count > 0);
        foreach (var (access, i) in accessTokens.Select((a, i) => (a, i)))
            secrets[$"access token {i + 1}"] = access;
        Assert.Contains(ml.Requests, r => r.Path == "/health" && r.Headers.ContainsKey("Authorization"));

        var store = await ReadStoreAsync(database);
        var sentToDiscord = string.Join('\n', discord.Requests.Select(r => r.Json?.ToJsonString() ?? ""));
        var everything = new Dictionary<string, string>
        {
            ["the bot's output"] = string.Join('\n', lines),
            ["what the bot sent to Discord"] = sentToDiscord,
            ["the store"] = store,
        };
        foreach (var (where, text) in everything)
        {
            foreach (var (secret, value) in secrets)
            {
                var leak = text.Split('\n').FirstOrDefault(l => l.Contains(value, StringComparison.Ordinal));
                Assert.True(leak is null, $"{secret} leaked into {where}: {leak?.Replace(value, "<the secret>", StringComparison.Ordinal)}");
            }
        }

        // The headers were logged (so their absence above means something), and as the chosen format.
        Assert.Contains(lines, l => l.Contains("Authorization", StringComparison.Ordinal));
        Assert.Equal(format == "json", lines.Count(l => l.StartsWith('{')) > lines.Count / 2);
        Assert.Contains(lines.Select(MessageOf), m => m.Contains("/ml add", StringComparison.Ordinal) && m.Contains(": ok", StringComparison.Ordinal));
        Assert.Contains("basic_auth_password:***", store, StringComparison.Ordinal);
        Assert.Equal(Password, labelStudio.Backends.Single().BasicAuthPass);
    }

    /// <summary>A log line's message: the line itself as text, the rendered <c>@m</c> without the quotes JSON
    /// rendering puts around string values (<c>Interaction "123" /ml "add"</c>) as JSON. A line that starts like JSON
    /// but is not (seen once: a line cut at 512 bytes) is taken as text; it is read on the process's output thread,
    /// where a throw would end the test run.</summary>
    private static string MessageOf(string line)
    {
        if (!line.StartsWith('{'))
            return line;
        try
        {
            return JsonNode.Parse(line)?["@m"]?.GetValue<string>() is { } message ? message.Replace("\"", "", StringComparison.Ordinal) : line;
        }
        catch (JsonException)
        {
            return line;
        }
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
