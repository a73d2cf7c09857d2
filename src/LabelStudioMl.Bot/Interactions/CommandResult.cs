using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// How a command ended, as a value: the dispatcher turns it, in one place, into what the caller reads, the
/// <see cref="Outcome"/> the audit row and the metrics keep, and the log line. A <see cref="Reply"/> converts to
/// <see cref="Shown"/>, so a command that only answers returns its reply.
/// </summary>
public abstract record CommandResult
{
    private CommandResult()
    {
    }

    /// <summary>The command did what was asked; the reply shows it.</summary>
    public sealed record Shown(Reply Reply) : CommandResult;

    /// <summary>The input is fine but the command will not run now (a backend already training, an address the probe refuses).</summary>
    public sealed record Refused(string Reason) : CommandResult;

    /// <summary>The input cannot be used; the problem names it and the fix.</summary>
    public sealed record BadInput(string Problem) : CommandResult;

    /// <summary>Label Studio failed or refused the request.</summary>
    public sealed record Failed(LabelStudioException Error) : CommandResult;

    /// <summary>A reply is a result that shows it.</summary>
    public static implicit operator CommandResult(Reply reply) => new Shown(reply);
}
