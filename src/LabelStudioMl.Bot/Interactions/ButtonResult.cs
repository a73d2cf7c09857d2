using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// How a button press ended, as a value, like <see cref="CommandResult"/> for commands: the dispatcher turns it, in one
/// place, into the answer to the presser, the <see cref="Outcome"/> the metrics and the log keep and, for a decision
/// on an audited action (<see cref="Audit"/>), the audit row. Handlers never answer the presser themselves.
/// </summary>
public abstract record ButtonResult
{
    private ButtonResult()
    {
    }

    /// <summary>The audited action this press decides; null when the press is not audited (paging).</summary>
    public ButtonAudit? Audit { get; init; }

    /// <summary>The pressed message now shows <paramref name="Reply"/>; <paramref name="Kind"/> says what the press did.</summary>
    public sealed record Updated(Reply Reply, OutcomeKind Kind = OutcomeKind.Ok) : ButtonResult;

    /// <summary>The page or prompt the button belonged to is gone: the message shows again with its buttons disabled.</summary>
    public sealed record Stale : ButtonResult;

    /// <summary>The presser lacks the level: a private answer, the message unchanged.</summary>
    public sealed record Denied(string Message) : ButtonResult;

    /// <summary>A private answer to the presser (not theirs to press, pressed elsewhere); the message unchanged.</summary>
    public sealed record Answered(Reply Reply, OutcomeKind Kind) : ButtonResult;

    /// <summary>
    /// The press starts slow work: the message shows <paramref name="Interim"/> at once (the press's acknowledgement,
    /// inside Discord's 3 s), then what <paramref name="Rest"/> returns takes its place, failures included.
    /// </summary>
    public sealed record Working(Reply Interim, Func<CancellationToken, Task<CommandResult>> Rest) : ButtonResult;
}

/// <summary>
/// The audit row a decision writes: the invoker of the command that asked for it (not necessarily the presser), the
/// command, and what the row keeps of its arguments; a done action is kept as <paramref name="DoneAs"/> (<c>removed</c>).
/// </summary>
public sealed record ButtonAudit(Caller Invoker, string Command, string Arguments, int? BackendId, string? DoneAs);
