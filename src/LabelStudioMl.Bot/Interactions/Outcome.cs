using LabelStudioMl.Bot.LabelStudio.Errors;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>How an interaction ended, for the audit table, the log and the <c>outcome</c> label of the command metrics.</summary>
public enum OutcomeKind
{
    /// <summary>Done, and the reply shown.</summary>
    Ok,

    /// <summary>Done, but Discord refused every way of showing the reply.</summary>
    ReplyNotShown,

    /// <summary>The caller lacks the level.</summary>
    Denied,

    /// <summary>The input could not be used.</summary>
    InvalidInput,

    /// <summary>The command would not run now.</summary>
    Refused,

    /// <summary>Label Studio failed or refused.</summary>
    Failed,

    /// <summary>The bot's store failed.</summary>
    StoreFault,

    /// <summary>A bug in the bot.</summary>
    Error,

    /// <summary>The caller declined an action that waited for their decision.</summary>
    Canceled,

    /// <summary>An action that waited for a decision got none in time.</summary>
    Expired,
}

/// <summary>An interaction's outcome with what the audit row keeps about it.</summary>
public sealed record Outcome(OutcomeKind Kind)
{
    /// <summary>The kind of Label Studio failure (with <see cref="OutcomeKind.Failed"/>).</summary>
    public LabelStudioErrorKind? FailureKind { get; init; }

    /// <summary>The HTTP status Label Studio answered with, when it failed.</summary>
    public int? LabelStudioStatus { get; init; }

    /// <summary>The options as typed, secrets masked.</summary>
    public string Arguments { get; init; } = "";

    /// <summary>The backend the command named.</summary>
    public int? BackendId { get; init; }

    /// <summary>What a decided action did, as the audit keeps it instead of <c>ok</c> (<c>removed</c>).</summary>
    public string? DoneAs { get; init; }

    /// <summary>The reply asks for a decision (a Confirm button) whose handler audits the action.</summary>
    public bool AwaitsDecision { get; init; }

    /// <summary>As the audit table and the log keep it: <c>ok</c>, <c>invalid input</c>, <c>failed: NotFound</c>….</summary>
    public string Stored => Kind switch
    {
        OutcomeKind.Ok => DoneAs ?? "ok",
        OutcomeKind.ReplyNotShown => "reply not shown",
        OutcomeKind.Denied => "denied",
        OutcomeKind.InvalidInput => "invalid input",
        OutcomeKind.Refused => "refused",
        OutcomeKind.Failed => $"failed: {FailureKind}",
        OutcomeKind.StoreFault => "store fault",
        OutcomeKind.Canceled => "canceled",
        OutcomeKind.Expired => "expired",
        _ => "error",
    };

    /// <summary>The <c>outcome</c> label of the command metrics: <c>ok</c>, <c>invalid_input</c>, <c>failed</c>….</summary>
    public string Label => Kind switch
    {
        OutcomeKind.Failed => "failed",
        OutcomeKind.Ok => "ok",
        _ => Stored.Replace(' ', '_'),
    };
}
