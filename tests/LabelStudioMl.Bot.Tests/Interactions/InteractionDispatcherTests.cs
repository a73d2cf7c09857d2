using System.Diagnostics.Metrics;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.Storage;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LabelStudioMl.Bot.Tests.Interactions;

/// <summary>
/// The dispatcher alone, on a responder that records what it was asked to do: for every way a command or a button
/// press can end, what the caller is shown (privately before the deferral, in its place after), what the audit row
/// keeps and what the metrics count.
/// </summary>
public sealed class InteractionDispatcherTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ScriptedCommand _command = new();
    private readonly ScriptedButtons _buttons = new();
    private FakeLabelStudio _labelStudio = null!;
    private IHost _host = null!;

    private InteractionDispatcher Dispatcher => _host.Services.GetRequiredService<InteractionDispatcher>();

    public async Task InitializeAsync()
    {
        _labelStudio = await FakeLabelStudio.StartAsync();
        _host = Host(AccessLevel.Admin);
        await _host.Services.GetRequiredService<BotDatabase>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _labelStudio.DisposeAsync();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_shown_reply_is_deferred_publicly_then_put_in_place_and_audited_ok_with_the_typed_options()
    {
        _command.Result = Reply.Of(new CardBuilder().WithTitle("done").Build());

        var responder = await RunAsync(("backend", "7"), ("note", "x y"));

        Assert.Equal(["defer public", "edit done"], responder.Calls);
        var row = await AuditRowAsync();
        Assert.Equal(("ok", "backend:7 note:\"x y\"", 7), (row.Outcome, row.Arguments, row.BackendId));
    }

    [Fact]
    public async Task A_refusal_takes_the_deferrals_place_as_not_done_and_is_audited_refused()
    {
        _command.Result = new CommandResult.Refused("Backend #7 is already training.");

        var responder = await RunAsync(("backend", "7"));

        Assert.Equal(["defer public", "edit Not done"], responder.Calls);
        Assert.Contains("already training", responder.Replies[^1].Cards[0].Description, StringComparison.Ordinal);
        Assert.Equal("refused", (await AuditRowAsync()).Outcome);
    }

    [Fact]
    public async Task Bad_input_found_while_running_takes_the_deferrals_place_and_is_audited_invalid_input()
    {
        _command.Result = new CommandResult.BadInput("`note` must be short.");

        var responder = await RunAsync(("note", "long"));

        Assert.Equal(["defer public", "edit That input does not work"], responder.Calls);
        Assert.Equal("invalid input", (await AuditRowAsync()).Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Label_Studio_failure_returned_or_thrown_is_shown_with_its_title_and_audited_with_kind_and_status(bool thrown)
    {
        var failure = new LabelStudioException(LabelStudioErrorKind.NotFound, "Backend #7 was not found.", "GET /api/ml/7", 404);
        if (thrown)
            _command.Throws = failure;
        else
            _command.Result = new CommandResult.Failed(failure);

        var responder = await RunAsync(("backend", "7"));

        Assert.Equal(["defer public", "edit Not found"], responder.Calls);
        var row = await AuditRowAsync();
        Assert.Equal(("failed: NotFound", 404), (row.Outcome, row.LabelStudioStatus));
    }

    [Fact]
    public async Task A_problem_the_command_finds_before_running_is_answered_privately_without_a_deferral_and_keeps_the_options()
    {
        _command.Problem = "Give `backend` or `note`, not both.";

        var responder = await RunAsync(("backend", "7"), ("note", "x"));

        Assert.Equal(["respond private That input does not work"], responder.Calls);
        Assert.False(_command.Ran);
        var row = await AuditRowAsync();
        Assert.Equal(("invalid input", "backend:7 note:x", 7), (row.Outcome, row.Arguments, row.BackendId));
    }

    [Fact]
    public async Task A_caller_without_the_level_is_denied_privately_the_command_never_runs_and_the_row_says_denied()
    {
        using var viewer = Host(AccessLevel.View);
        await viewer.Services.GetRequiredService<BotDatabase>().MigrateAsync();
        var responder = new RecordingResponder();

        await viewer.Services.GetRequiredService<InteractionDispatcher>().RunCommandAsync(
            "i-1", Console(), ScriptedCommand.Name, d => CommandOptions.FromText(d, new Dictionary<string, string>()), TypedOptions.None, responder, CancellationToken.None);

        Assert.Equal(["respond private Not allowed"], responder.Calls);
        Assert.False(_command.Ran);
        var rows = await viewer.Services.GetRequiredService<AuditLog>().RecentAsync(null, 10);
        Assert.Equal("denied", Assert.Single(rows).Outcome);
    }

    [Fact]
    public async Task A_bug_in_a_command_is_shown_as_one_with_a_reference_and_audited_error()
    {
        _command.Throws = new InvalidOperationException("boom");

        var responder = await RunAsync();

        Assert.Equal(["defer public", "edit Something went wrong in the bot"], responder.Calls);
        Assert.DoesNotContain("boom", responder.Replies[^1].Cards[0].Description, StringComparison.Ordinal);
        Assert.Equal("error", (await AuditRowAsync()).Outcome);
    }

    [Fact]
    public async Task A_reply_Discord_refuses_in_place_goes_out_as_a_follow_up_and_counts_as_shown()
    {
        _command.Result = Reply.Of(new CardBuilder().WithTitle("done").Build());

        var responder = await RunAsync(responder: new RecordingResponder { FailingEdits = 1 });

        Assert.Equal(["defer public", "edit failed", "follow-up done"], responder.Calls);
        Assert.Equal("ok", (await AuditRowAsync()).Outcome);
    }

    [Fact]
    public async Task A_reply_Discord_refuses_every_way_is_audited_as_not_shown()
    {
        _command.Result = Reply.Of(new CardBuilder().WithTitle("done").Build());

        await RunAsync(responder: new RecordingResponder { FailingEdits = 9, FailingFollowUps = 9 });

        Assert.Equal("reply not shown", (await AuditRowAsync()).Outcome);
    }

    [Fact]
    public async Task An_unknown_command_is_answered_privately_and_not_audited()
    {
        var responder = new RecordingResponder();

        await Dispatcher.RunCommandAsync("i-1", Console(), "nope", d => CommandOptions.FromText(d, new Dictionary<string, string>()), TypedOptions.None, responder, CancellationToken.None);

        Assert.Equal(["respond private That input does not work"], responder.Calls);
        Assert.Empty(await _host.Services.GetRequiredService<AuditLog>().RecentAsync(null, 10));
    }

    [Fact]
    public async Task A_press_that_updates_the_message_is_counted_ok_and_not_audited()
    {
        _buttons.Result = new ButtonResult.Updated(Reply.Of(new CardBuilder().WithTitle("page 2").Build()));

        var (responder, counted) = await PressAsync();

        Assert.Equal(["update page 2"], responder.Calls);
        Assert.Equal([(ScriptedButtons.Command, "ok")], counted);
        Assert.Empty(await _host.Services.GetRequiredService<AuditLog>().RecentAsync(null, 10));
    }

    [Fact]
    public async Task A_press_nobody_handles_disables_the_buttons_and_counts_as_expired_of_an_unknown_command()
    {
        var (responder, counted) = await PressAsync("other:1");

        Assert.Equal(["disable buttons"], responder.Calls);
        Assert.Equal([("unknown", "expired")], counted);
    }

    [Fact]
    public async Task A_denied_press_gets_a_private_answer_and_leaves_the_message()
    {
        _buttons.Result = new ButtonResult.Denied("You need the operator role.");

        var (responder, counted) = await PressAsync();

        Assert.Equal(["respond private Not allowed"], responder.Calls);
        Assert.Equal([(ScriptedButtons.Command, "denied")], counted);
    }

    [Fact]
    public async Task A_decision_is_audited_with_the_invoker_of_the_command_not_the_presser()
    {
        _buttons.Result = new ButtonResult.Updated(Reply.Of(new CardBuilder().WithTitle("Canceled").Build()), OutcomeKind.Canceled) { Audit = Decision() };

        var (responder, counted) = await PressAsync();

        Assert.Equal(["update Canceled"], responder.Calls);
        Assert.Equal([(ScriptedButtons.Command, "canceled")], counted);
        var row = await AuditRowAsync();
        Assert.Equal(("1100000000000000301", "scripted", "canceled", "backend:7", 7), (row.UserId, row.Command, row.Outcome, row.Arguments, row.BackendId));
    }

    [Fact]
    public async Task Slow_work_acknowledges_with_the_interim_update_then_its_reply_takes_the_place_and_is_audited_as_done()
    {
        _buttons.Result = new ButtonResult.Working(
            Reply.Of(new CardBuilder().WithTitle("Working…").Build()),
            _ => Task.FromResult<CommandResult>(Reply.Of(new CardBuilder().WithTitle("Removed").Build()))) { Audit = Decision() };

        var (responder, counted) = await PressAsync();

        Assert.Equal(["update Working…", "edit Removed"], responder.Calls);
        Assert.Equal([(ScriptedButtons.Command, "ok")], counted);
        Assert.Equal("removed", (await AuditRowAsync()).Outcome);
    }

    [Fact]
    public async Task A_Label_Studio_failure_after_the_interim_update_replaces_it_and_is_audited_with_kind_and_status()
    {
        var failure = new LabelStudioException(LabelStudioErrorKind.NotFound, "Backend #7 was not found.", "DELETE /api/ml/7", 404);
        _buttons.Result = new ButtonResult.Working(Reply.Of(new CardBuilder().WithTitle("Working…").Build()), _ => throw failure) { Audit = Decision() };

        var (responder, counted) = await PressAsync();

        Assert.Equal(["update Working…", "edit Not found"], responder.Calls);
        Assert.Equal([(ScriptedButtons.Command, "failed")], counted);
        var row = await AuditRowAsync();
        Assert.Equal(("failed: NotFound", 404), (row.Outcome, row.LabelStudioStatus));
    }

    [Fact]
    public async Task A_bug_after_the_interim_update_is_shown_in_its_place_not_as_a_second_answer_and_audited_error()
    {
        _buttons.Result = new ButtonResult.Working(
            Reply.Of(new CardBuilder().WithTitle("Working…").Build()), _ => throw new InvalidOperationException("boom")) { Audit = Decision() };

        var (responder, _) = await PressAsync();

        Assert.Equal(["update Working…", "edit Something went wrong in the bot"], responder.Calls);
        Assert.Equal("error", (await AuditRowAsync()).Outcome);
    }

    [Fact]
    public async Task A_bug_in_a_button_handler_is_answered_privately_with_a_reference_and_counted_error()
    {
        _buttons.Throws = new InvalidOperationException("boom");

        var (responder, counted) = await PressAsync();

        Assert.Equal(["respond private Something went wrong in the bot"], responder.Calls);
        Assert.Equal([(ScriptedButtons.Command, "error")], counted);
    }

    private IHost Host(AccessLevel level)
    {
        var builder = BotHost.CreateBuilder(
        [
            $"--LabelStudio:Url={_labelStudio.BaseUrl}",
            $"--LabelStudio:ApiKey={_labelStudio.LegacyToken}",
            .. _database.Store.Arguments,
            "--Discord:ApiBaseUrl=http://127.0.0.1:9",
            $"--Access:Console:Level={level}",
        ], ProcessVerb.Console);
        builder.Services.AddSingleton<ISlashCommand>(_command);
        builder.Services.AddSingleton<IComponentHandler>(_buttons);
        return builder.Build();
    }

    private static Caller Console() => new("1100000000000000300", "alice", null, null, [], IsConsole: true);

    private async Task<RecordingResponder> RunAsync(params (string Name, string Value)[] options) => await RunAsync(null, options);

    private async Task<RecordingResponder> RunAsync(RecordingResponder? responder, params (string Name, string Value)[] options)
    {
        responder ??= new RecordingResponder();
        var typed = options.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        await Dispatcher.RunCommandAsync(
            "i-1", Console(), ScriptedCommand.Name, d => CommandOptions.FromText(d, typed),
            TypedOptions.Of(typed.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value))), responder, CancellationToken.None);
        return responder;
    }

    private static ButtonAudit Decision() =>
        new(new Caller("1100000000000000301", "bob", null, null, [], IsConsole: true), ScriptedCommand.Name, "backend:7", 7, "removed");

    /// <summary>Presses a button as <see cref="Console"/>; returns what was answered and the (command, outcome) pairs <c>bot.buttons</c> counted.</summary>
    private async Task<(RecordingResponder Responder, List<(string Command, string Outcome)> Counted)> PressAsync(string customId = ScriptedButtons.Prefix + "1")
    {
        var responder = new RecordingResponder();
        var counted = new List<(string, string)>();
        var meters = _host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "bot.buttons")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var given = tags.ToArray();
            counted.Add(($"{given.Single(t => t.Key == "command").Value}", $"{given.Single(t => t.Key == "outcome").Value}"));
        });
        listener.Start();
        await Dispatcher.RunComponentAsync("i-2", Console(), customId, responder, CancellationToken.None);
        return (responder, counted);
    }

    private async Task<AuditEntry> AuditRowAsync() =>
        Assert.Single(await _host.Services.GetRequiredService<AuditLog>().RecentAsync(null, 10));

    /// <summary><c>/ml scripted [backend] [note]</c> (operate): ends as the test says.</summary>
    private sealed class ScriptedCommand : ISlashCommand
    {
        public const string Name = "scripted";

        public CommandResult Result { get; set; } = Reply.Of(new CardBuilder().WithTitle("unset").Build());

        public Exception? Throws { get; set; }

        public string? Problem { get; set; }

        public bool Ran { get; private set; }

        public CommandDeclaration Declaration { get; } = new(Name, "A command scripted by the test", AccessLevel.Operate,
        [
            new("backend", "A backend", OptionKind.WholeNumber),
            new("note", "A note", OptionKind.Text),
        ]);

        public string? Validate(CommandOptions options) => Problem;

        public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
        {
            Ran = true;
            return Throws is { } e ? Task.FromException<CommandResult>(e) : Task.FromResult(Result);
        }
    }

    /// <summary>The buttons <c>ml:scripted:…</c> of <c>/ml scripted</c>: each press ends as the test says.</summary>
    private sealed class ScriptedButtons : IComponentHandler
    {
        public const string Prefix = "ml:scripted:";

        public const string Command = ScriptedCommand.Name;

        public ButtonResult Result { get; set; } = new ButtonResult.Stale();

        public Exception? Throws { get; set; }

        string IComponentHandler.Command => Command;

        public bool Accepts(string customId) => customId.StartsWith(Prefix, StringComparison.Ordinal);

        public Task<ButtonResult> HandleAsync(ComponentContext context, CancellationToken cancellationToken) =>
            Throws is { } e ? Task.FromException<ButtonResult>(e) : Task.FromResult(Result);
    }

    /// <summary>Records each call as one line (<c>defer public</c>, <c>edit &lt;first title&gt;</c>…); can refuse edits and follow-ups.</summary>
    private sealed class RecordingResponder : IInteractionResponder
    {
        public List<string> Calls { get; } = [];

        public List<Reply> Replies { get; } = [];

        public int FailingEdits { get; init; }

        public int FailingFollowUps { get; init; }

        private int _edits;
        private int _followUps;

        public Task RespondAsync(Reply reply, CancellationToken cancellationToken) => Record($"respond {(reply.Ephemeral ? "private" : "public")}", reply);

        public Task DeferAsync(bool ephemeral, CancellationToken cancellationToken)
        {
            Calls.Add($"defer {(ephemeral ? "private" : "public")}");
            return Task.CompletedTask;
        }

        public async Task<string?> EditOriginalAsync(Reply reply, CancellationToken cancellationToken)
        {
            if (++_edits <= FailingEdits)
            {
                Calls.Add("edit failed");
                throw new HttpRequestException("Discord refused the edit.");
            }

            await Record("edit", reply);
            return "m-1";
        }

        public async Task<string?> FollowUpAsync(Reply reply, CancellationToken cancellationToken)
        {
            if (++_followUps <= FailingFollowUps)
            {
                Calls.Add("follow-up failed");
                throw new HttpRequestException("Discord refused the follow-up.");
            }

            await Record("follow-up", reply);
            return "m-2";
        }

        public Task AutocompleteAsync(IReadOnlyList<ApplicationCommandOptionChoice> choices, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task UpdateMessageAsync(Reply reply, CancellationToken cancellationToken) => Record("update", reply);

        public Task DisableButtonsAsync(CancellationToken cancellationToken)
        {
            Calls.Add("disable buttons");
            return Task.CompletedTask;
        }

        private Task Record(string call, Reply reply)
        {
            Calls.Add($"{call} {(reply.Cards.Count > 0 ? reply.Cards[0].Title : reply.Content)}");
            Replies.Add(reply);
            return Task.CompletedTask;
        }
    }
}
