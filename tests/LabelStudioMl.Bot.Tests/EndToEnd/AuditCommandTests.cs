using System.Globalization;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;
using static LabelStudioMl.Bot.Tests.EndToEnd.ReadCommandSteps;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary><c>/ml audit [backend]</c>: an admin reads who did what, privately, one short line per action.</summary>
public sealed class AuditCommandTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Audit_shows_the_latest_twenty_actions_newest_first_only_to_the_admin()
    {
        await using var bot = await BotHarness.StartAsync();
        for (var i = 1; i <= 25; i++)
            await WriteAsync(bot, Entry(i, "train", $"backend:{i}", i, "ok"));

        var id = await bot.SlashAsAsync([BotHarness.AdminRole], "audit");
        var answer = await bot.FinalAnswerAsync(id);

        var callback = await bot.CallbackAsync(id);
        Assert.Equal(5, callback.Type);
        Assert.True(callback.Ephemeral);
        var lines = Description(answer.Body).Split('\n');
        Assert.Equal(20, lines.Length);
        Assert.Equal($"{Unix(25)} · **user25** · `/ml train backend:25` · ✅ ok", lines[0]);
        Assert.StartsWith(Unix(6), lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("backend:5`", Description(answer.Body), StringComparison.Ordinal);
        AssertDiscordAcceptedEverything(bot);
    }

    [Fact]
    public async Task Audit_of_one_backend_shows_only_the_actions_about_it()
    {
        await using var bot = await BotHarness.StartAsync();
        await WriteAsync(bot, Entry(1, "train", "backend:7", 7, "ok"));
        await WriteAsync(bot, Entry(2, "remove", "backend:8", 8, "ok"));
        await WriteAsync(bot, Entry(3, "update", "backend:7 title:new", 7, "failed: Validation", 400));

        var id = await bot.SlashAsAsync([BotHarness.AdminRole], "audit", FakeInteractions.Option("backend", 7));
        var answer = await bot.FinalAnswerAsync(id);

        Assert.Contains("#7", Title(answer.Body), StringComparison.Ordinal);
        var lines = Description(answer.Body).Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("`/ml update backend:7 title:new` · ❌ failed: Validation (400)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("`/ml train backend:7` · ✅ ok", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_or_canceled_removal_is_not_shown_as_a_failure()
    {
        await using var bot = await BotHarness.StartAsync();
        await WriteAsync(bot, Entry(1, "remove", "backend:7", 7, "removed"));
        await WriteAsync(bot, Entry(2, "remove", "backend:8", 8, "canceled"));

        var answer = await bot.FinalAnswerAsync(await bot.SlashAsAsync([BotHarness.AdminRole], "audit"));

        var lines = Description(answer.Body).Split('\n');
        Assert.EndsWith("`/ml remove backend:8` · ↩️ canceled", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("`/ml remove backend:7` · 🗑️ removed", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_records_itself_so_the_next_audit_shows_who_looked()
    {
        await using var bot = await BotHarness.StartAsync();

        var first = await bot.SlashAsAsync([BotHarness.AdminRole], "audit");
        var empty = await bot.FinalAnswerAsync(first);
        await AuditRowsAsync(bot, 1);
        var second = await bot.SlashAsAsync([BotHarness.AdminRole], "audit");
        var answer = await bot.FinalAnswerAsync(second);

        Assert.Equal("No operate or admin commands recorded yet.", Description(empty.Body));
        var line = Assert.Single(Description(answer.Body).Split('\n'));
        Assert.Contains("**Alice** · `/ml audit` · ✅ ok", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_shows_user_names_and_arguments_as_typed_without_markdown_tricks()
    {
        await using var bot = await BotHarness.StartAsync();
        await WriteAsync(bot, Entry(1, "add", "url:http://ml:9090 basic_auth_pass:*** title:`x`", null, "ok") with { UserName = "**bold**_user_" });

        var id = await bot.SlashAsAsync([BotHarness.AdminRole], "audit");
        var answer = await bot.FinalAnswerAsync(id);

        var line = Description(answer.Body);
        Assert.Contains(@"**\*\*bold\*\*\_user\_**", line, StringComparison.Ordinal);
        Assert.Contains("`/ml add url:http://ml:9090 basic_auth_pass:*** title:'x'`", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_may_not_read_the_audit_log()
    {
        await using var bot = await BotHarness.StartAsync();
        await WriteAsync(bot, Entry(1, "train", "backend:1", 1, "ok"));

        var id = await bot.SlashAsync("audit");
        var callback = await bot.CallbackAsync(id);

        Assert.Equal(4, callback.Type);
        Assert.True(callback.Ephemeral);
        Assert.Contains("admin", callback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("backend:1", callback.Body.ToJsonString(), StringComparison.Ordinal);
    }

    private static AuditEntry Entry(int minute, string command, string arguments, int? backend, string outcome, int? status = null) =>
        new(Start.AddMinutes(minute), $"13000000000000000{minute:00}", $"user{minute}", "1100000000000000100", "1100000000000000200",
            command, arguments, backend, outcome, status, 120);

    private static string Unix(int minute) => string.Create(CultureInfo.InvariantCulture, $"<t:{Start.AddMinutes(minute).ToUnixTimeSeconds()}:R>");

    /// <summary>The dispatcher writes the audit row after it answered: wait for it rather than race it.</summary>
    private static async Task AuditRowsAsync(BotHarness bot, int count)
    {
        var log = bot.Host.Services.GetRequiredService<AuditLog>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await log.RecentAsync(null, count)).Count < count)
            await Task.Delay(20, timeout.Token);
    }

    private static Task WriteAsync(BotHarness bot, AuditEntry entry) => bot.Host.Services.GetRequiredService<AuditLog>().WriteAsync(entry);
}
