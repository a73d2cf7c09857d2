using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// The one audit row of a <c>/ml remove</c>: written when the action ends (removed, failed, canceled, expired), not
/// for the prompt, with the invoker of the command and the backend it named.
/// </summary>
internal sealed partial class RemovalAudit(AuditLog audit, TimeProvider time, ILogger<RemovalAudit> logger)
{
    /// <summary>Writes the row; <paramref name="started"/> (a timestamp) measures the removal itself, from the press.</summary>
    public async Task WriteAsync(PendingConfirmation pending, string outcome, int? status, long? started, CancellationToken cancellationToken)
    {
        var caller = pending.Invoker;
        try
        {
            var elapsed = started is { } s ? (long)time.GetElapsedTime(s).TotalMilliseconds : 0;
            await audit.WriteAsync(new AuditEntry(
                time.GetUtcNow(), caller.UserId, caller.UserName, caller.GuildId, caller.ChannelId, "remove",
                $"backend:{pending.BackendId}", pending.BackendId, outcome, status, elapsed), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, pending.BackendId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit entry for removing backend {BackendId} could not be written")]
    private partial void LogFailed(Exception exception, int backendId);
}
