using System.Text.Json.Nodes;
using Dapper;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>What the watch tests share: a bot polling fast, watching from a channel, counting polls, reading channel messages.</summary>
internal static class WatchSteps
{
    /// <summary>The channel the default interactions come from.</summary>
    public const string Channel = FakeInteractions.ChannelId;

    /// <summary>Another channel of the fake guild.</summary>
    public const string OtherChannel = "1100000000000000210";

    /// <summary>What an error alert's title contains.</summary>
    public const string ErrorTitle = "Error · ";

    /// <summary>Discord's default <c>@everyone</c> permissions without MENTION_EVERYONE (1 &lt;&lt; 17), as many servers set them.</summary>
    public const string EveryoneWithoutMentionEveryone = "2248473465704001";

    /// <summary>A role to ping.</summary>
    public const string OnCallRole = "1100000000000000409";

    /// <summary>A bot that polls every 200 ms, backs off at most 1 s, and refreshes autocomplete only at start.</summary>
    public static async Task<BotHarness> StartAsync(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string>
        {
            ["Watch:Interval"] = "00:00:00.200",
            ["Watch:MaxBackoff"] = "00:00:01",
            ["Catalog:RefreshInterval"] = "1.00:00:00",
        };
        foreach (var (key, value) in settings)
            values[key] = value;
        var bot = await BotHarness.StartAsync(values);
        var catalog = bot.Host.Services.GetRequiredService<BackendCatalog>();
        await FakeDiscord.WaitUntilAsync(() => catalog.RefreshedAt is not null, TimeSpan.FromSeconds(20), "the autocomplete catalog's first refresh");
        return bot;
    }

    /// <summary>A project with one backend on its own ML server.</summary>
    public static async Task<(FakeProject Project, FakeBackend Backend, FakeMlServer Ml)> AddBackendAsync(this BotHarness bot, string title = "yolo", string project = "Cars")
    {
        var added = bot.LabelStudio.AddProject(project);
        var ml = await bot.LabelStudio.StartMlServerAsync();
        return (added, bot.LabelStudio.AddBackend(added.Id, ml.Url, title), ml);
    }

    /// <summary><c>/ml name options…</c> by the operator in <paramref name="channel"/>; the final answer's text.</summary>
    public static async Task<string> RunInAsync(this BotHarness bot, string channel, string name, params JsonObject[] options)
    {
        var interaction = FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand(name, options));
        interaction["channel_id"] = channel;
        interaction["channel"]!["id"] = channel;
        var id = await bot.Discord.PushInteractionAsync(interaction);
        return WriteCommandKit.Text((await bot.FinalAnswerAsync(id)).Body);
    }

    /// <summary><c>/ml name options…</c> by the operator in the default channel; the final answer's text.</summary>
    public static Task<string> RunAsync(this BotHarness bot, string name, params JsonObject[] options) => bot.RunInAsync(Channel, name, options);

    /// <summary>Polls of a project's backends so far (<c>GET /api/ml/?project=N</c>).</summary>
    public static int PollsOf(this BotHarness bot, int projectId) =>
        bot.LabelStudio.Requests.Count(r => r.Method == "GET" && r.Path == "/api/ml/" && r.PathAndQuery.EndsWith($"?project={projectId}", StringComparison.Ordinal));

    /// <summary>Waits until the watcher polled the project <paramref name="more"/> more times.</summary>
    public static async Task WaitForPollsAsync(this BotHarness bot, int projectId, int more)
    {
        var target = bot.PollsOf(projectId) + more;
        await FakeDiscord.WaitUntilAsync(() => bot.PollsOf(projectId) >= target, TimeSpan.FromSeconds(30), $"{more} more polls of project {projectId}");
    }

    /// <summary>Messages the bot posted in a channel (outside interactions).</summary>
    public static IReadOnlyList<RecordedMessage> MessagesIn(this BotHarness bot, string channel) =>
        [.. bot.Discord.ChannelMessages.Where(m => m.ChannelOrInteraction == channel)];

    /// <summary>The text of every message posted in the channel, one per message.</summary>
    public static IReadOnlyList<string> TextsIn(this BotHarness bot, string channel) => [.. bot.MessagesIn(channel).Select(m => WriteCommandKit.Text(m.Body))];

    /// <summary>Waits for a message in the channel containing <paramref name="text"/>; returns it.</summary>
    public static async Task<RecordedMessage> WaitForMessageAsync(this BotHarness bot, string channel, string text)
    {
        RecordedMessage? found = null;
        await FakeDiscord.WaitUntilAsync(
            () => (found = bot.MessagesIn(channel).FirstOrDefault(m => WriteCommandKit.Text(m.Body).Contains(text, StringComparison.Ordinal))) is not null,
            TimeSpan.FromSeconds(30),
            $"a message containing \"{text}\" in channel {channel}");
        return found!;
    }

    /// <summary>How many messages in the channel contain <paramref name="text"/>.</summary>
    public static int CountIn(this BotHarness bot, string channel, string text) =>
        bot.TextsIn(channel).Count(t => t.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits until every watch of the channel is disabled.</summary>
    public static async Task WaitUntilDisabledAsync(this BotHarness bot, string channel)
    {
        var store = bot.Host.Services.GetRequiredService<WatchStore>();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await store.ChannelSubscriptionsAsync(channel, CancellationToken.None)).All(s => s.DisabledAt is not null))
        {
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for the watches of channel {channel} to be disabled.");
            await Task.Delay(50);
        }
    }

    /// <summary>The watcher's pending state of a backend, read from the store.</summary>
    public static async Task<StoredState?> StoredStateAsync(this BotHarness bot, int backendId)
    {
        await using var connection = await bot.Host.Services.GetRequiredService<BotDatabase>().OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredState>(
            "SELECT state, pending_state AS PendingState, pending_count AS PendingCount FROM backend_states WHERE backend_id = @Id", new { Id = backendId });
    }
}

/// <summary>A backend's row in the watcher's memory.</summary>
internal sealed record StoredState(string State, string? PendingState, long PendingCount);
