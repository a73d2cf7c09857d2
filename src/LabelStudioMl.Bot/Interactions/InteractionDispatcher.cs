using System.Diagnostics;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Telemetry;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// Runs one slash command for any transport (gateway or console; the gateway session already dropped replayed
/// deliveries): finds the subcommand, checks access and input (answering privately at once when they fail), defers
/// with the declared visibility before any Label Studio call, runs the command, and puts its reply in place of the
/// deferral. Every failure becomes an error message that says what to do: private when access or input fail, in
/// place of the deferral (with its visibility) once the command ran; operate and admin commands are audited.
/// </summary>
internal sealed partial class InteractionDispatcher(
    CommandTree tree,
    AccessPolicy access,
    InteractionAudit audit,
    StoreHealth store,
    IEnumerable<IComponentHandler> componentHandlers,
    BotTelemetry telemetry,
    TimeProvider time,
    ILogger<InteractionDispatcher> logger)
{
    /// <summary>
    /// A slash command: <paramref name="name"/> is the subcommand, <paramref name="parseOptions"/> reads its options, and
    /// <paramref name="typed"/> are the same options as typed (what the audit row keeps, read or not).
    /// </summary>
    public async Task RunCommandAsync(
        string interactionId,
        Caller caller,
        string name,
        Func<CommandDeclaration, CommandOptions> parseOptions,
        TypedOptions typed,
        IInteractionResponder responder,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var command = tree.Find(name);
        if (command is null)
        {
            await responder.RespondAsync(ErrorPresenter.InvalidInput($"`/ml {name}` is not a command of this bot. `/ml help` lists what you can run."), cancellationToken);
            Finish(interactionId, caller, name, "unknown", "unknown", started);
            return;
        }

        var declaration = command.Declaration;
        var outcome = await RunAsync(interactionId, caller, command, parseOptions, responder, cancellationToken) with
        {
            Arguments = typed.Redacted(declaration),
            BackendId = typed.BackendId,
        };
        Finish(interactionId, caller, declaration.Name, outcome.Stored, outcome.Label, started);
        // A prompt awaiting a decision is not the action's end: its handler writes the one row with the outcome.
        if (declaration.Level >= AccessLevel.Operate && !outcome.AwaitsDecision)
            await audit.WriteAsync(caller, declaration.Name, outcome, started, cancellationToken);
    }

    /// <summary>
    /// A button press: the handler decides, and its <see cref="ButtonResult"/> becomes the answer (an update of the
    /// pressed message, or a private note that leaves it unchanged), the outcome the metrics count and, for a
    /// decision on an audited action, the action's audit row with its invoker.
    /// </summary>
    public async Task RunComponentAsync(string interactionId, Caller caller, string customId, IInteractionResponder responder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(responder);
        var started = time.GetTimestamp();
        var handler = componentHandlers.FirstOrDefault(h => h.Accepts(customId));
        var command = handler?.Command ?? "unknown";
        ButtonResult result;
        Outcome outcome;
        try
        {
            result = handler is null ? new ButtonResult.Stale() : await handler.HandleAsync(new ComponentContext(caller, customId), cancellationToken);
            outcome = await AnswerAsync(result, command, responder, interactionId, cancellationToken);
        }
        catch (Exception e) when (store.Observe(e) is { } fault)
        {
            LogButtonStoreFault(customId, fault.Problem);
            await TryAsync(() => responder.RespondAsync(ErrorPresenter.StoreFault(fault), cancellationToken), interactionId);
            FinishPress(interactionId, caller, customId, command, new Outcome(OutcomeKind.StoreFault), started);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reference = Reference(interactionId);
            LogButtonFailed(e, customId, reference);
            await TryAsync(() => responder.RespondAsync(ErrorPresenter.Unexpected(reference), cancellationToken), interactionId);
            FinishPress(interactionId, caller, customId, command, new Outcome(OutcomeKind.Error), started);
            return;
        }

        FinishPress(interactionId, caller, customId, command, outcome, started);
        if (result.Audit is { } subject)
            await audit.WriteAsync(subject, outcome, started, cancellationToken);
    }

    /// <summary>The one place a press's result becomes what the presser sees and the outcome kept of it.</summary>
    private async Task<Outcome> AnswerAsync(ButtonResult result, string command, IInteractionResponder responder, string interactionId, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case ButtonResult.Updated updated:
                await responder.UpdateMessageAsync(updated.Reply, cancellationToken);
                return new Outcome(updated.Kind);
            case ButtonResult.Denied denied:
                await responder.RespondAsync(ErrorPresenter.Denied(denied.Message), cancellationToken);
                return new Outcome(OutcomeKind.Denied);
            case ButtonResult.Answered answered:
                await responder.RespondAsync(answered.Reply with { Ephemeral = true }, cancellationToken);
                return new Outcome(answered.Kind);
            case ButtonResult.Working working:
                // Acknowledged by the interim update; from here on every answer, failures included, edits that message.
                await responder.UpdateMessageAsync(working.Interim, cancellationToken);
                return await CompleteInPlaceAsync(
                    command, interactionId, responder, ephemeral: false, () => working.Rest(cancellationToken), _ => Task.CompletedTask, cancellationToken);
            default:
                await responder.DisableButtonsAsync(cancellationToken);
                return new Outcome(OutcomeKind.Expired);
        }
    }

    private async Task<Outcome> RunAsync(
        string interactionId,
        Caller caller,
        ISlashCommand command,
        Func<CommandDeclaration, CommandOptions> parseOptions,
        IInteractionResponder responder,
        CancellationToken cancellationToken)
    {
        var declaration = command.Declaration;
        CommandOptions options;
        try
        {
            var decision = await access.CheckAsync(caller, declaration.Level, cancellationToken);
            if (!decision.IsAllowed)
            {
                await responder.RespondAsync(ErrorPresenter.Denied(decision.MessageFor($"/ml {declaration.Name}")), cancellationToken);
                return new Outcome(OutcomeKind.Denied);
            }

            options = parseOptions(declaration);
            if (command.Validate(options) is { } problem)
                throw new CommandInputException(problem);
        }
        catch (CommandInputException e)
        {
            // Answered privately before anything runs: the input never gets a public deferral.
            await responder.RespondAsync(ErrorPresenter.InvalidInput(e.Message), cancellationToken);
            return new Outcome(OutcomeKind.InvalidInput);
        }

        var ephemeral = declaration.Visibility == ReplyVisibility.Ephemeral;
        await responder.DeferAsync(ephemeral, cancellationToken);
        var context = new CommandContext(caller, options, interactionId, declaration, responder);
        return await CompleteInPlaceAsync(
            declaration.Name, interactionId, responder, ephemeral, () => command.ExecuteAsync(context, cancellationToken),
            messageId => command.RepliedAsync(context, messageId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Runs the work of an acknowledged interaction (a deferred command, a press answered with an interim update) and
    /// puts what it returns, or the failure it throws, in place of the acknowledgement.
    /// <paramref name="replied"/> learns the id of the message that shows the reply.
    /// </summary>
    private async Task<Outcome> CompleteInPlaceAsync(
        string name,
        string interactionId,
        IInteractionResponder responder,
        bool ephemeral,
        Func<Task<CommandResult>> run,
        Func<string?, Task> replied,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await run();
            if (result is not CommandResult.Shown shown)
                return await FailInPlaceAsync(result, name, responder, interactionId, cancellationToken);
            var (messageId, wasShown) = await ShowAsync(responder, shown.Reply, ephemeral, name, interactionId, cancellationToken);
            await replied(messageId);
            return new Outcome(wasShown ? OutcomeKind.Ok : OutcomeKind.ReplyNotShown) { AwaitsDecision = shown.Reply.AwaitsDecision };
        }
        catch (LabelStudioException e)
        {
            return await FailInPlaceAsync(new CommandResult.Failed(e), name, responder, interactionId, cancellationToken);
        }
        catch (CommandInputException e)
        {
            return await FailInPlaceAsync(new CommandResult.BadInput(e.Message), name, responder, interactionId, cancellationToken);
        }
        catch (Exception e) when (store.Observe(e) is { } fault)
        {
            LogCommandStoreFault(name, fault.Problem);
            await FailInPlaceAsync(responder, ErrorPresenter.StoreFault(fault), interactionId, cancellationToken);
            return new Outcome(OutcomeKind.StoreFault);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reference = Reference(interactionId);
            LogCommandFailedUnexpectedly(e, name, reference);
            await FailInPlaceAsync(responder, ErrorPresenter.Unexpected(reference), interactionId, cancellationToken);
            return new Outcome(OutcomeKind.Error);
        }
    }

    /// <summary>
    /// The one place a result that is not a shown reply becomes what the caller reads (in place of the deferral) and
    /// the outcome the audit and the metrics keep.
    /// </summary>
    private async Task<Outcome> FailInPlaceAsync(
        CommandResult result, string command, IInteractionResponder responder, string interactionId, CancellationToken cancellationToken)
    {
        var (reply, outcome) = result switch
        {
            CommandResult.Refused refused => (ErrorPresenter.Refused(refused.Reason), new Outcome(OutcomeKind.Refused)),
            CommandResult.BadInput bad => (ErrorPresenter.InvalidInput(bad.Problem), new Outcome(OutcomeKind.InvalidInput)),
            CommandResult.Failed failed => (ErrorPresenter.From(failed.Error),
                new Outcome(OutcomeKind.Failed) { FailureKind = failed.Error.Kind, LabelStudioStatus = failed.Error.StatusCode }),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result, "A shown reply is not a failure."),
        };
        if (result is CommandResult.Failed { Error: var error })
            LogCommandFailed(command, error.Kind, error.StatusCode, error.Message);
        await FailInPlaceAsync(responder, reply, interactionId, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Puts the command's reply in place of the deferral. The command has run by then (training may have started, a
    /// backend may be gone), so a failed edit is never told as a failed command: the reply goes out as a follow-up
    /// with the deferral's visibility instead. When Discord refuses that too, a short private note says the command
    /// ran (it reaches the caller when only the reply itself was refused) and the outcome records the reply as not shown.
    /// A Discord call that times out counts as refused; only the host stopping ends this early.
    /// </summary>
    private async Task<(string? MessageId, bool Shown)> ShowAsync(
        IInteractionResponder responder, Reply reply, bool ephemeral, string command, string interactionId, CancellationToken cancellationToken)
    {
        try
        {
            return (await responder.EditOriginalAsync(reply, cancellationToken), true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReplyNotInPlace(command, interactionId, e.Message);
        }

        try
        {
            return (await responder.FollowUpAsync(reply with { Ephemeral = ephemeral }, cancellationToken), true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reference = Reference(interactionId);
            LogReplyNotShown(command, interactionId, reference, e.Message);
            await FailInPlaceAsync(responder, ErrorPresenter.NotShown(command, reference), interactionId, cancellationToken);
            return (null, false);
        }
    }

    /// <summary>
    /// Shows a failure after the deferral in its place, with the deferral's visibility: Discord fixes visibility at
    /// defer time, and right after a type-5 deferral a follow-up is only the edit of <c>@original</c> with its flags
    /// ignored, so a private follow-up cannot replace a public deferral (and a deleted one leaves nothing to show it
    /// on). Failures that deserve privacy (access, input) are answered before deferring, privately. When the edit is
    /// refused, a follow-up tries once more: while the deferral is still loading Discord applies it as the edit.
    /// </summary>
    private async Task FailInPlaceAsync(IInteractionResponder responder, Reply error, string interactionId, CancellationToken cancellationToken)
    {
        try
        {
            await responder.EditOriginalAsync(error, cancellationToken);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogErrorNotInPlace(interactionId, e.Message);
        }

        await TryAsync(() => responder.FollowUpAsync(error, cancellationToken), interactionId);
    }

    private async Task TryAsync(Func<Task> answer, string interactionId)
    {
        try
        {
            await answer();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The interaction may have expired (15 minutes) or Discord may be failing; nothing more can reach the user.
            LogNotAnswered(interactionId, e.Message);
        }
    }

    /// <summary>Logs the command's outcome and counts it; unknown names are counted as <c>unknown</c>, never as typed.</summary>
    private void Finish(string interactionId, Caller caller, string command, string result, string label, long started)
    {
        var elapsed = time.GetElapsedTime(started);
        LogFinished(interactionId, command, caller.UserId, caller.UserName, caller.GuildId, caller.ChannelId, result, elapsed.TotalMilliseconds);
        telemetry.CommandFinished(label == "unknown" ? "unknown" : command, label, elapsed);
    }

    /// <summary>Logs a press's outcome and counts it by the command whose reply carried the button.</summary>
    private void FinishPress(string interactionId, Caller caller, string customId, string command, Outcome outcome, long started)
    {
        var elapsed = time.GetElapsedTime(started);
        LogPressFinished(interactionId, customId, command, caller.UserId, caller.UserName, caller.GuildId, caller.ChannelId, outcome.Stored, elapsed.TotalMilliseconds);
        telemetry.ButtonPressed(command, outcome.Label, elapsed);
    }

    private static string Reference(string interactionId) => $"{interactionId}-{Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N")[..8]}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Button {CustomId} could not use the store: {Problem}")]
    private partial void LogButtonStoreFault(string customId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Button {CustomId} failed (reference {Reference})")]
    private partial void LogButtonFailed(Exception exception, string customId, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "/ml {Command} could not use the store: {Problem}")]
    private partial void LogCommandStoreFault(string command, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "/ml {Command} failed unexpectedly (reference {Reference})")]
    private partial void LogCommandFailedUnexpectedly(Exception exception, string command, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "/ml {Command} failed: {Kind} {Status} {Message}")]
    private partial void LogCommandFailed(string command, LabelStudioErrorKind kind, int? status, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply to /ml {Command} (interaction {InteractionId}) could not replace the deferral ({Message}); sending it as a follow-up")]
    private partial void LogReplyNotInPlace(string command, string interactionId, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "/ml {Command} ran, but its reply could not be shown (interaction {InteractionId}, reference {Reference}): {Message}")]
    private partial void LogReplyNotShown(string command, string interactionId, string reference, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The error for interaction {InteractionId} could not replace the deferral ({Message}); sending it as a follow-up")]
    private partial void LogErrorNotInPlace(string interactionId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer interaction {InteractionId}: {Message}")]
    private partial void LogNotAnswered(string interactionId, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} button {CustomId} of /ml {Command} by {UserId} ({UserName}) in guild {GuildId} channel {ChannelId}: {Outcome} in {ElapsedMs:0} ms")]
    private partial void LogPressFinished(string interactionId, string customId, string command, string userId, string userName, string? guildId, string? channelId, string outcome, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} /ml {Command} by {UserId} ({UserName}) in guild {GuildId} channel {ChannelId}: {Outcome} in {ElapsedMs:0} ms")]
    private partial void LogFinished(string interactionId, string command, string userId, string userName, string? guildId, string? channelId, string outcome, double elapsedMs);
}
