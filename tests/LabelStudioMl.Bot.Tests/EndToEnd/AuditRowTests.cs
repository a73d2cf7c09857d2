using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// What the audit table keeps: every row has the options as typed (secrets masked), refused and invalid commands
/// included, and one action is one row with its outcome (a removal is one row, whatever the buttons did).
/// </summary>
public sealed class AuditRowTests
{
    [Fact]
    public async Task A_refused_command_keeps_its_options_with_secrets_masked()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot);

        var id = await bot.SlashAsAsync([BotHarness.OperatorRole], "update", Option("backend", backend.Id), Option("url", "http://ml:9090/?token=abc123"));
        await bot.CallbackAsync(id);

        var row = Assert.Single(await bot.AuditAsync("update", "denied"), r => r.Command == "update");
        Assert.Equal($"backend:{backend.Id} url:http://ml:9090/?token=***", row.Arguments);
        Assert.Equal(backend.Id, row.BackendId);
        Assert.DoesNotContain("abc123", row.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_command_keeps_its_options_as_typed_with_secrets_masked()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");

        var id = await bot.AdminAsync("add", Option("url", "not a url"), Option("project", project.Id), Option("basic_auth_pass", "pw-9"),
            Option("extra_params", """{"api_key":"k-1","threshold":0.5}"""));
        await bot.CallbackAsync(id);

        var row = Assert.Single(await bot.AuditAsync("add", "invalid input"), r => r.Command == "add");
        Assert.Equal($$"""url:"not a url" project:{{project.Id}} basic_auth_pass:*** extra_params:{"api_key":"***","threshold":0.5}""", row.Arguments);
    }

    [Fact]
    public async Task A_command_that_will_not_run_now_is_told_so_and_audited_as_refused_not_as_bad_input()
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot);
        bot.LabelStudio.MlServers.Single().TrainingDuration = TimeSpan.FromSeconds(2);
        var first = await bot.SlashAsync("train", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(first);

        var second = await bot.FinalAnswerAsync(await bot.SlashAsync("train", Option("backend", backend.Id)));
        await bot.FinalAnswerAsync(first, followUp: true);

        var title = second.Embeds.Single()!["title"]!.GetValue<string>();
        Assert.Equal("Not done", title);
        Assert.Contains("already training", WriteCommandKit.Text(second.Body), StringComparison.Ordinal);
        var rows = await bot.AuditAsync("train", "refused");
        Assert.Single(rows, r => r.Command == "train" && r.Outcome == "refused" && r.Arguments == $"backend:{backend.Id}");
        Assert.DoesNotContain(rows, r => r.Outcome == "invalid input");
    }

    [Theory]
    [InlineData("yes", "removed")]
    [InlineData("no", "canceled")]
    public async Task A_removal_is_one_row_with_its_outcome(string button, string outcome)
    {
        await using var bot = await BotHarness.StartAsync();
        var backend = await AddBackendAsync(bot);

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        await bot.CallbackAsync(await bot.PressAsync(WriteCommandKit.Button(await bot.FinalAnswerAsync(id), button)));
        // A row for the prompt would have been written before the press, so it is there by now if it is written at all.
        var row = Assert.Single(await bot.AuditAsync("remove", outcome), r => r.Command == "remove");
        Assert.Equal(outcome, row.Outcome);
        Assert.Equal($"backend:{backend.Id}", row.Arguments);
        Assert.Equal(backend.Id, row.BackendId);
    }

    [Fact]
    public async Task A_removal_nobody_confirms_is_one_row_saying_it_expired()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { ["Commands:ConfirmationTimeout"] = "00:00:01" });
        var backend = await AddBackendAsync(bot);

        var id = await bot.AdminAsync("remove", Option("backend", backend.Id));
        await bot.FinalAnswerAsync(id);
        await FakeDiscord.WaitUntilAsync(() => bot.Discord.OriginalEdits.Count(m => m.ChannelOrInteraction == id) >= 2, TimeSpan.FromSeconds(10), "the prompt to turn into Canceled");

        var row = Assert.Single(await bot.AuditAsync("remove", "expired"), r => r.Command == "remove");
        Assert.Equal($"backend:{backend.Id}", row.Arguments);
        Assert.NotNull(bot.LabelStudio.FindBackend(backend.Id));
    }

    private static async Task<FakeBackend> AddBackendAsync(BotHarness bot)
    {
        var project = bot.LabelStudio.AddProject("Cars");
        return bot.LabelStudio.AddBackend(project.Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "yolo");
    }
}
