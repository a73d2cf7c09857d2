using Dapper;

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

/// <summary>The audit table: written for every operate/admin command, read by <c>/ml audit</c>.</summary>
internal sealed class AuditLog(BotDatabase database)
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
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
            });
    }

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
        return rows.Select(r => new AuditEntry(
            DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), r.UserId, r.UserName, r.GuildId, r.ChannelId, r.Command, r.Arguments,
            r.BackendId is null ? null : (int)r.BackendId, r.Outcome, r.LabelStudioStatus is null ? null : (int)r.LabelStudioStatus, r.DurationMs)).ToList();
    }

    internal sealed record AuditRow(
        string At, string UserId, string UserName, string? GuildId, string? ChannelId, string Command, string Arguments,
        long? BackendId, string Outcome, long? LabelStudioStatus, long DurationMs);
}
