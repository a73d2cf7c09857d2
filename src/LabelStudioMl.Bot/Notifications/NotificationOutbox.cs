using Dapper;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Notifications;

/// <summary>
/// Messages the bot owes a channel, kept in the store until Discord accepted them. Whoever decides to notify adds
/// the message in the same transaction as the state change that caused it, so a restart neither loses it nor
/// sends it twice; the transport's sender delivers and removes it. Rows hold the post as the transport will send it
/// (<see cref="IPostFormat"/>).
/// </summary>
internal sealed class NotificationOutbox(BotDatabase database, TimeProvider time, IPostFormat format, Replica replica) : IDisposable
{
    /// <summary>
    /// On a store shared by replicas, how long a row held for its follow-up waits before it is posted in the channel
    /// anyway: the follow-up goes out within seconds, so a row held longer belongs to a replica that ended. (A SQLite
    /// store's one process releases its predecessor's held rows when it starts.)
    /// </summary>
    public static readonly TimeSpan FollowUpGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a sender's claim on due rows lasts (a store shared by replicas): past it, a row still owed (its sender
    /// died) is due for the next one. Delivery carries the row's nonce, so a row sent twice still posts once.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);


    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Adds <paramref name="posts"/> inside the caller's transaction and returns their ids; call <see cref="Wake"/> after committing it.</summary>
    public async Task<IReadOnlyList<long>> EnqueueAsync(StoreTransaction tx, IEnumerable<ChannelPost> posts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(posts);
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow().ToString("O");
        var ids = new List<long>();
        foreach (var post in posts)
        {
            ids.Add(await tx.Connection.ExecuteScalarAsync<long>("""
                INSERT INTO notification_outbox (channel_id, kind, message, created_at, attempts, next_attempt_at, awaiting_follow_up)
                VALUES (@ChannelId, @Kind, @Message, @Now, 0, @Now, @AwaitsFollowUp)
                RETURNING id
                """,
                new { post.ChannelId, Kind = post.Kind.ToString(), Message = format.Write(post), Now = now, AwaitsFollowUp = post.AwaitsFollowUp ? 1 : 0 },
                tx.Transaction));
        }

        return ids;
    }

    /// <summary>Adds one post in its own transaction and wakes the sender.</summary>
    public async Task EnqueueAsync(ChannelPost post, CancellationToken cancellationToken)
    {
        await using (var tx = await database.BeginAsync(cancellationToken))
        {
            await EnqueueAsync(tx, [post], cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        Wake();
    }

    /// <summary>Tells the sender there is something new (after the enqueuing transaction committed).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: the sender reads everything that is due when it wakes.
        }
    }

    /// <summary>Waits until <see cref="Wake"/> is called or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Messages due now, oldest first, each read with <paramref name="read"/>; a row that cannot be read any more (it
    /// throws) is dropped and reported, so it cannot block the rest. On a store shared by replicas the rows are claimed
    /// for <see cref="ClaimLease"/> (<c>FOR UPDATE SKIP LOCKED</c>): another sender reading at the same time gets others.
    /// </summary>
    public async Task<IReadOnlyList<PendingPost<T>>> DueAsync<T>(int limit, Func<string, T> read, Action<long, Exception> unreadable, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = database.IsShared
            ? (await connection.QueryAsync<OutboxRow>("""
                UPDATE notification_outbox SET claimed_by = @By, claimed_until = @Until
                WHERE id IN (
                    SELECT id FROM notification_outbox
                    WHERE next_attempt_at <= @Now AND (awaiting_follow_up = 0 OR created_at <= @HeldSince)
                      AND (claimed_until IS NULL OR claimed_until <= @Now)
                    ORDER BY id
                    LIMIT @Limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, channel_id AS ChannelId, kind, message, attempts
                """,
                new { Now = now.ToString("O"), HeldSince = (now - FollowUpGrace).ToString("O"), Limit = limit, By = replica.Name, Until = (now + ClaimLease).ToString("O") }))
                .OrderBy(r => r.Id)
            : await connection.QueryAsync<OutboxRow>("""
                SELECT id, channel_id AS ChannelId, kind, message, attempts
                FROM notification_outbox
                WHERE next_attempt_at <= @Now AND awaiting_follow_up = 0
                ORDER BY id
                LIMIT @Limit
                """,
                new { Now = now.ToString("O"), Limit = limit });
        var due = new List<PendingPost<T>>();
        foreach (var row in rows)
        {
            try
            {
                due.Add(new PendingPost<T>(row.Id, row.ChannelId, Enum.Parse<NotificationKind>(row.Kind), read(row.Message), (int)row.Attempts));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException)
            {
                await RemoveAsync(row.Id, cancellationToken);
                unreadable(row.Id, e);
            }
        }

        return due;
    }

    /// <summary>Gives claimed rows back (a store shared by replicas): their channel's queue is busy and reads them again later.</summary>
    public async Task UnclaimAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (!database.IsShared || ids.Count == 0)
            return;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync($"UPDATE notification_outbox SET claimed_until = NULL WHERE {database.InIds("id")} AND claimed_by = @By",
            new { Ids = ids.ToArray(), By = replica.Name });
    }

    /// <summary>Discord accepted the message (or refused it for good): it is not owed any more.</summary>
    public async Task RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM notification_outbox WHERE id = @Id", new { Id = id });
    }

    /// <summary>The follow-up carrying this message failed: it is posted in the channel now.</summary>
    public async Task ReleaseAsync(long id, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync("UPDATE notification_outbox SET awaiting_follow_up = 0, next_attempt_at = @Now WHERE id = @Id",
                new { Id = id, Now = time.GetUtcNow().ToString("O") });
        }

        Wake();
    }

    /// <summary>
    /// When a sender starts: the follow-ups a previous process was sending are lost with it, so their messages are
    /// posted; returns how many. On a store shared by replicas the held rows may be a running replica's (those are left
    /// to <see cref="FollowUpGrace"/>), and the new sender takes over the claims of the one before it (a leader that
    /// died; should it still send, the rows' nonces keep each message to one post).
    /// </summary>
    public async Task<int> ReleaseLeftoversAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return database.IsShared
            ? await connection.ExecuteAsync("UPDATE notification_outbox SET claimed_until = NULL WHERE claimed_until IS NOT NULL")
            : await connection.ExecuteAsync("UPDATE notification_outbox SET awaiting_follow_up = 0 WHERE awaiting_follow_up = 1");
    }

    /// <summary>Drops every message owed to a channel the bot can no longer post in; returns how many.</summary>
    public async Task<int> RemoveChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM notification_outbox WHERE channel_id = @ChannelId", new { ChannelId = channelId });
    }

    /// <summary>A try failed for a reason that may pass: try again at <paramref name="next"/>.</summary>
    public async Task PostponeAsync(long id, DateTimeOffset next, string error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = @Next, last_error = @Error, claimed_until = NULL WHERE id = @Id",
            new { Id = id, Next = next.ToUniversalTime().ToString("O"), Error = error });
    }

    /// <summary>How many messages are still owed (for logs and tests).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox");
    }

    public void Dispose() => _wake.Dispose();

    internal sealed record OutboxRow(long Id, string ChannelId, string Kind, string Message, long Attempts);
}

/// <summary>A message the outbox still owes, as its transport reads it: <see cref="Id"/> doubles as the Discord nonce, so a retry never posts twice.</summary>
internal sealed record PendingPost<T>(long Id, string ChannelId, NotificationKind Kind, T Message, int Attempts);
