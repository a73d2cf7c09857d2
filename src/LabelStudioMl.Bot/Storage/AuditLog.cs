using Dapper;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Storage;

/// <summary>One operate or admin command as it was run. Arguments never hold a secret (the caller redacts them).</summary>
internal sealed record AuditEntry(
    DateTimeOffset At,
    string UserId,
    string UserName,
    string? GuildId,
    string? ChannelId,
    string Command,
    string Arguments,
    int? BackendId,
    string Outcome,
    int? LabelStudioStatus,
    long DurationMs);

/// <summary>
/// The audit table: written for every operate/admin command, read by <c>/ml audit</c>. An entry the store refuses
/// (read-only, full, gone) is logged in full and kept in memory, up to <see cref="MaxUnwritten"/>, then written
/// with the next entry once the store works; <c>/ml audit</c> shows the kept ones meanwhile.
/// </summary>
internal sealed partial class AuditLog(BotDatabase database, StoreHealth health, ILogger<AuditLog> logger) : IDisposable
{
    /// <summary>Entries kept while the store refuses them; beyond this the oldest is dropped, with its own log line.</summary>
    public const int MaxUnwritten = 1000;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly LinkedList<AuditEntry> _unwritten = [];

    /// <summary>Stores <paramref name="entry"/> with any kept before it; a store fault keeps them all (and is not thrown).</summary>
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            _unwritten.AddLast(entry);

        await _writer.WaitAsync(cancellationToken);
        List<AuditEntry> batch;
        lock (_gate)
        {
            batch = [.. _unwritten];
            _unwritten.Clear();
        }

        try
        {
            await InsertAsync(batch, cancellationToken);
        }
        catch (Exception e) when (health.Observe(e) is { } fault)
        {
            Keep(batch, entry, fault.Problem);
        }
        catch (Exception e)
        {
            Keep(batch, entry, e.Message);
            throw;
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task InsertAsync(List<AuditEntry> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var entry in batch)
        {
            await connection.ExecuteAsync("""
                INSERT INTO audit_log (at, user_id, user_name, guild_id, channel_id, command, arguments, backend_id, outcome, ls_status, duration_ms)
                VALUES (@At, @UserId, @UserName, @GuildId, @ChannelId, @Command, @Arguments, @BackendId, @Outcome, @LabelStudioStatus, @DurationMs)
                """,
                new
                {
                    At = entry.At.ToUniversalTime().ToString("O"),
                    entry.UserId,
                    entry.UserName,
                    entry.GuildId,
                    entry.ChannelId,
                    entry.Command,
                    entry.Arguments,
                    entry.BackendId,
                    entry.Outcome,
                    entry.LabelStudioStatus,
                    entry.DurationMs,
                },
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Puts a batch the store refused back in front of what came meanwhile, logging the new entry in full.</summary>
    private void Keep(List<AuditEntry> batch, AuditEntry entry, string problem)
    {
        var dropped = new List<AuditEntry>();
        int waiting;
        lock (_gate)
        {
            for (var i = batch.Count - 1; i >= 0; i--)
                _unwritten.AddFirst(batch[i]);
            while (_unwritten.Count > MaxUnwritten)
            {
                dropped.Add(_unwritten.First!.Value);
                _unwritten.RemoveFirst();
            }

            waiting = _unwritten.Count;
        }

        LogKept(logger, problem, waiting, Describe(entry));
        foreach (var lost in dropped)
            LogDropped(logger, MaxUnwritten, Describe(lost));
    }

    private static string Describe(AuditEntry e) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{e.At:O} /ml {e.Command} {e.Arguments} by {e.UserId} ({e.UserName}) in guild {e.GuildId ?? "-"} channel {e.ChannelId ?? "-"}: "
        + $"{e.Outcome}, backend {e.BackendId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, "
        + $"Label Studio status {e.LabelStudioStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, {e.DurationMs} ms");

    [LoggerMessage(Level = LogLevel.Error, Message = "An audit entry could not be stored ({Problem}); it is kept in memory with {Waiting} waiting and written once the store works: {Entry}")]
    private static partial void LogKept(ILogger logger, string problem, int waiting, string entry);

    [LoggerMessage(Level = LogLevel.Error, Message = "More than {Max} audit entries wait for the store; the oldest is dropped from memory (this line is its only record): {Entry}")]
    private static partial void LogDropped(ILogger logger, int max, string entry);

    /// <summary>The newest entries first, optionally only those about one backend.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int? backendId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>("""
            SELECT at, user_id AS UserId, user_name AS UserName, guild_id AS GuildId, channel_id AS ChannelId, command, arguments,
                   backend_id AS BackendId, outcome, ls_status AS LabelStudioStatus, duration_ms AS DurationMs
            FROM audit_log
            WHERE @BackendId IS NULL OR backend_id = @BackendId
            ORDER BY id DESC
            LIMIT @Limit
            """,
            new { BackendId = backendId, Limit = limit });
        List<AuditEntry> kept;
        lock (_gate)
            kept = [.. _unwritten.Where(e => backendId is null || e.BackendId == backendId).Reverse()];
        var stored = rows.Select(r => new AuditEntry(
            DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), r.UserId, r.UserName, r.GuildId, r.ChannelId, r.Command, r.Arguments,
            r.BackendId is null ? null : (int)r.BackendId, r.Outcome, r.LabelStudioStatus is null ? null : (int)r.LabelStudioStatus, r.DurationMs));
        return [.. kept.Concat(stored).Take(limit)];
    }

    public void Dispose() => _writer.Dispose();

    internal sealed record AuditRow(
        string At, string UserId, string UserName, string? GuildId, string? ChannelId, string Command, string Arguments,
        long? BackendId, string Outcome, long? LabelStudioStatus, long DurationMs);
}
