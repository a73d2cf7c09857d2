using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>What the tests of the commands that change things share: an admin caller, button presses, the usual checks.</summary>
internal static class WriteCommandKit
{
    /// <summary>A member other than the default test user.</summary>
    public const string OtherUserId = "1100000000000000301";

    /// <summary>A role that only has view (through @everyone).</summary>
    public const string ViewerRole = "1100000000000000401";

    /// <summary><c>/ml name options…</c> from the default user holding the admin role.</summary>
    public static Task<string> AdminAsync(this BotHarness bot, string name, params JsonObject[] options) =>
        bot.SlashAsAsync([BotHarness.AdminRole, BotHarness.OperatorRole], name, options);

    /// <summary>The same command with a fixed interaction id, pushed twice.</summary>
    public static async Task<string> PushTwiceAsync(this BotHarness bot, string[] roles, string name, params JsonObject[] options)
    {
        var interaction = FakeInteractions.SlashCommandBy(roles, "0", "ml", FakeInteractions.SubCommand(name, options));
        interaction["id"] = "1200000000000000001";
        var id = await bot.Discord.PushInteractionAsync(interaction);
        await bot.Discord.PushInteractionAsync(interaction);
        return id;
    }

    /// <summary>
    /// Waits until the bot logged that it dropped the second delivery (gateway or dispatcher) of <paramref name="id"/>
    /// (needs <see cref="BotHarness.InformationLogging"/>).
    /// </summary>
    public static Task SecondDeliveryDroppedAsync(this BotHarness bot, string id) =>
        FakeDiscord.WaitUntilAsync(
            () => bot.Logs.Messages.Any(l => l.Contains(id, StringComparison.Ordinal) && (l.Contains("duplicate", StringComparison.Ordinal) || l.Contains("delivered again", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(20),
            $"the bot to drop the second delivery of {id}");

    /// <summary>A press of <paramref name="customId"/> by <paramref name="userId"/> (the default test user unless given).</summary>
    public static Task<string> PressAsync(this BotHarness bot, string customId, string userId = FakeInteractions.UserId, string[]? roles = null)
    {
        // By default the roles of the admin who ran the command.
        var press = FakeInteractions.ButtonPressBy(roles ?? [BotHarness.AdminRole, BotHarness.OperatorRole], customId);
        press["member"]!["user"]!["id"] = userId;
        press["member"]!["user"]!["username"] = userId == FakeInteractions.UserId ? "alice" : "bob";
        press["member"]!["user"]!["global_name"] = userId == FakeInteractions.UserId ? "Alice" : "Bob";
        return bot.Discord.PushInteractionAsync(press);
    }

    /// <summary>The custom id of the prompt's button whose id ends with <c>:answer</c> (<c>yes</c>, <c>no</c>).</summary>
    public static string Button(RecordedMessage prompt, string answer) =>
        prompt.Body["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray())
            .Select(b => b!["custom_id"]!.GetValue<string>())
            .Single(customId => customId.EndsWith(":" + answer, StringComparison.Ordinal));

    /// <summary>The command as a DM.</summary>
    public static Task<string> InDirectMessageAsync(this BotHarness bot, string name, params JsonObject[] options) =>
        bot.Discord.PushInteractionAsync(FakeInteractions.InDirectMessage(FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand(name, options))));

    /// <summary>The interaction was answered at once, privately, with a message (no deferral) that contains <paramref name="text"/>.</summary>
    public static async Task AssertAnsweredAtOnceAsync(this BotHarness bot, string id, string text)
    {
        var callback = await bot.CallbackAsync(id);
        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains(text, callback.Body.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The error that took the deferral's place, as Discord shows it: the deferred message edited, with the
    /// deferral's visibility (a private follow-up cannot replace a public deferral on Discord).
    /// </summary>
    public static async Task<string> ErrorInPlaceAsync(this BotHarness bot, string id)
    {
        var answer = await bot.FinalAnswerAsync(id);
        var shown = bot.Discord.ShownOriginal(id);
        Assert.NotNull(shown);
        Assert.Equal(answer.Id, shown["id"]!.GetValue<string>());
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Method == "DELETE" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
        return Text(shown);
    }

    /// <summary>Label Studio requests to ML-backend routes.</summary>
    public static IEnumerable<RecordedRequest> MlCalls(this FakeLabelStudio labelStudio, string method, string path) =>
        labelStudio.Requests.Where(r => r.Method == method && r.Path == path);

    /// <summary>
    /// The audit rows once one for <paramref name="command"/> (with <paramref name="outcome"/>, when given) exists: rows
    /// are written after the answer.
    /// </summary>
    public static async Task<IReadOnlyList<AuditEntry>> AuditAsync(this BotHarness bot, string command, string? outcome = null)
    {
        var audit = bot.Host.Services.GetRequiredService<AuditLog>();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var rows = await audit.RecentAsync(null, 50);
            if (rows.Any(r => r.Command == command && (outcome is null || r.Outcome == outcome)))
                return rows;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for an audit row for /ml {command}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A JSON body as text with escapes undone, so assertions read what a user reads.</summary>
    public static string Text(JsonNode? body) => body is null ? "" : System.Text.RegularExpressions.Regex.Unescape(body.ToJsonString());

    /// <summary>Everything the bot sent to Discord: callbacks, edits, follow-ups, any other request body.</summary>
    public static string EverythingSentToDiscord(this BotHarness bot) => string.Join("\n",
        bot.Discord.Requests.Select(r => Text(r.Json))
            .Concat(bot.Discord.InteractionCallbacks.Select(c => Text(c.Body)))
            .Concat(bot.Discord.OriginalEdits.Select(m => Text(m.Body)))
            .Concat(bot.Discord.FollowUps.Select(m => Text(m.Body))));
}
