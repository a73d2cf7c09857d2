using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// The audit row of an operate or admin action, written in one place: by the dispatcher when a command ends or a press
/// decides an action that waited (removed, canceled, refused, failed), and by the prompt's countdown when it expires;
/// a decision's row names the invoker of the command. A row that cannot be written is logged; the action's answer does not depend on it.
/// </summary>
internal sealed partial class InteractionAudit(AuditLog audit, TimeProvider time, ILogger<InteractionAudit> logger)
{
    /// <summary>Writes the row; <paramref name="started"/> (a timestamp) measures the action, zero when not given.</summary>
    public async Task WriteAsync(Caller caller, string command, Outcome outcome, long? started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(outcome);
        try
        {
            await audit.WriteAsync(new AuditEntry(
                time.GetUtcNow(), caller.UserId, caller.UserName, caller.GuildId, caller.ChannelId, command,
                outcome.Arguments, outcome.BackendId, outcome.Stored, outcome.LabelStudioStatus,
                started is { } s ? (long)time.GetElapsedTime(s).TotalMilliseconds : 0), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, command, caller.UserId);
        }
    }

    /// <summary>Writes the row of a decided action: the invoker, command and arguments of <paramref name="subject"/>, the outcome's kind.</summary>
    public Task WriteAsync(ButtonAudit subject, Outcome outcome, long? started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(outcome);
        return WriteAsync(subject.Invoker, subject.Command, outcome with
        {
            Arguments = subject.Arguments,
            BackendId = subject.BackendId,
            DoneAs = subject.DoneAs,
        }, started, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit entry for /ml {Command} by {User} could not be written")]
    private partial void LogFailed(Exception exception, string command, string user);
}
