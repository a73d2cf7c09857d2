using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// The audit row of an operate or admin action, written in one place: by the dispatcher when a command ends, and by a
/// button handler when an action that waited for a decision ends (removed, canceled, expired, failed), with the
/// invoker of the command. A row that cannot be written is logged; the action's answer does not depend on it.
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit entry for /ml {Command} by {User} could not be written")]
    private partial void LogFailed(Exception exception, string command, string user);
}
