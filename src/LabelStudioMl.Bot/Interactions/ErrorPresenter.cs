using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// Private replies that say what went wrong and what to do, with <see cref="Severity.Error"/> (a failure) or
/// <see cref="Severity.Warning"/> (not done for this caller: no access, busy); never a stack trace, token or password.
/// </summary>
internal static class ErrorPresenter
{
    /// <summary>
    /// A Label Studio failure: a short title for its kind, Label Studio's own message (HTML links as markdown), a
    /// "What to do" field with the hint, and the failed request in the footer.
    /// </summary>
    public static Reply From(LabelStudioException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var builder = new CardBuilder()
            .WithTitle(TitleOf(exception.Kind))
            .WithSeverity(Severity.Error)
            .WithDescription(Readable(exception.Message));
        if (!string.IsNullOrWhiteSpace(exception.Hint))
            builder.AddField("What to do", Readable(exception.Hint));
        var footer = exception.StatusCode is { } status ? $"{exception.Operation} · {status}" : exception.Operation;
        if (!string.IsNullOrWhiteSpace(footer))
            builder.WithFooter(footer);
        return Ephemeral(builder);
    }

    /// <summary>A bug in the bot: no exception text, only a reference the operator finds in the log.</summary>
    public static Reply Unexpected(string correlationId) => Ephemeral(new CardBuilder()
        .WithTitle("Something went wrong in the bot")
        .WithSeverity(Severity.Error)
        .WithDescription("This is a bug in the bot, not a problem with Label Studio. Try again; if it keeps happening, "
            + $"give the bot's operator this reference: `{(correlationId ?? "").Replace('`', '\'')}`"));

    /// <summary>The bot's own store failed (read-only, full, gone, damaged): not a bug and not Label Studio, the operator's to fix.</summary>
    public static Reply StoreFault(StoreFault fault) => Ephemeral(new CardBuilder()
        .WithTitle("The bot cannot save its data")
        .WithSeverity(Severity.Error)
        .WithDescription($"{char.ToUpperInvariant(fault.Problem[0])}{fault.Problem[1..]}. What this command was to save is not "
            + "saved: run it again once the store works.")
        .AddField("What to do", $"Tell the bot's operator. {fault.Fix}"));

    /// <summary>
    /// The command ran but Discord refused the message with its answer: what was asked for may well be done, so the
    /// caller checks before running it again, and has a reference for the operator.
    /// </summary>
    public static Reply NotShown(string command, string correlationId) => Ephemeral(new CardBuilder()
        .WithTitle($"/ml {command} ran, but its answer could not be shown")
        .WithSeverity(Severity.Error)
        .WithDescription("Discord refused the message with the answer. What you asked for may have been done: look with "
            + "`/ml get` or `/ml list` before you run it again. If this keeps happening, give the bot's operator this "
            + $"reference: `{(correlationId ?? "").Replace('`', '\'')}`"));

    /// <summary>The command's input cannot be used, with the reason.</summary>
    public static Reply InvalidInput(string message) => Ephemeral(new CardBuilder()
        .WithTitle("That input does not work")
        .WithSeverity(Severity.Error)
        .WithDescription(message));

    /// <summary>The input is fine but the command will not run now, with the reason and what to do instead.</summary>
    public static Reply Refused(string reason) => Ephemeral(new CardBuilder()
        .WithTitle("Not done")
        .WithSeverity(Severity.Error)
        .WithDescription(reason));

    /// <summary>Too many commands are running: nothing was started, so trying again later is safe.</summary>
    public static Reply Busy(int running) => Ephemeral(new CardBuilder()
        .WithTitle("The bot is busy")
        .WithSeverity(Severity.Warning)
        .WithDescription($"{running} commands are waiting for Label Studio right now, the most this bot runs at once. "
            + "Nothing was started: try again in a minute. If this keeps happening, tell the bot's operator (Commands:MaxInFlight, "
            + "or a slow Label Studio)."));

    /// <summary>
    /// Discord sent an interaction the bot cannot read (an id that is not one, nesting deeper than any command has):
    /// nothing was run; <paramref name="where"/> is the JSON path of the problem, when known.
    /// </summary>
    public static Reply Unreadable(string? where) => Ephemeral(new CardBuilder()
        .WithTitle("The bot could not read this")
        .WithSeverity(Severity.Error)
        .WithDescription($"Discord sent this interaction in a form the bot does not understand{(string.IsNullOrEmpty(where) ? "" : $" (at `{where.Replace('`', '\'')}`)")}, "
            + "so nothing was run. Try again; if it keeps happening, tell the bot's operator: the log has the details."));

    /// <summary>An interaction of a kind the bot does not handle (a form, or a type newer than the bot): nothing was run.</summary>
    public static Reply NotHandled(int type) => Ephemeral(new CardBuilder()
        .WithTitle("Not something this bot does")
        .WithSeverity(Severity.Warning)
        .WithDescription($"This bot answers `/{CommandTree.RootName}` commands, their autocomplete and its own buttons. This was "
            + $"{(type == 5 ? "a form" : "an interaction")} (Discord's type {type}), so nothing was run."));

    /// <summary>The caller may not run the command, with the reason.</summary>
    public static Reply Denied(string message) => Ephemeral(new CardBuilder()
        .WithTitle("Not allowed")
        .WithSeverity(Severity.Warning)
        .WithDescription(message));

    /// <summary>The short title for a kind of failure.</summary>
    public static string TitleOf(LabelStudioErrorKind kind) => kind switch
    {
        LabelStudioErrorKind.Validation => "Label Studio refused the input",
        LabelStudioErrorKind.Unauthorized or LabelStudioErrorKind.LegacyTokensDisabled or LabelStudioErrorKind.PersonalAccessTokenRejected =>
            "Label Studio refused the bot's credentials",
        LabelStudioErrorKind.Forbidden => "Label Studio refused the request",
        LabelStudioErrorKind.NotFound => "Not found",
        LabelStudioErrorKind.ServerError => "Label Studio failed",
        LabelStudioErrorKind.MlBackendError => "The ML backend failed",
        LabelStudioErrorKind.PredictionFailed => "No prediction came back",
        LabelStudioErrorKind.Timeout => "Label Studio did not answer in time",
        LabelStudioErrorKind.ConnectionFailed or LabelStudioErrorKind.HostNotFound or LabelStudioErrorKind.TlsFailure => "Label Studio is unreachable",
        LabelStudioErrorKind.NotLabelStudio => "That is not Label Studio",
        LabelStudioErrorKind.ResponseTooLarge => "Label Studio's answer was too large",
        _ => "Label Studio answered unexpectedly",
    };

    private static string Readable(string text) => HtmlLinks.ToMarkdown(SafeText.RedactUrls(text));

    private static Reply Ephemeral(CardBuilder builder) => Reply.Of(builder.Build()) with { Ephemeral = true };
}
