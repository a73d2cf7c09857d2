using System.Data.Common;
using System.Globalization;
using Dapper;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>Whether Label Studio answered the watcher's last poll, as announced to the channels.</summary>
internal enum LabelStudioReach
{
    /// <summary>It answered.</summary>
    Reachable,

    /// <summary>No answer, a timeout or a 5xx.</summary>
    Unreachable,

    /// <summary>It refused the bot's key (401) or its permissions (403).</summary>
    AccessRefused,
}

/// <summary>What <see cref="WatchStore.SubscribeAsync"/> did: a new subscription, or the mention of an existing one changed.</summary>
internal sealed record SubscribeOutcome(bool Created, string? PreviousMentionRoleId);

/// <summary>
/// Subscriptions, the watcher's memory of each backend and whether Label Studio was reachable, in the store.
/// Backend states are kept only for projects some active subscription polls, so a watch started later begins
/// from a fresh baseline instead of a stale one.
/// </summary>
internal sealed class WatchStore(BotDatabase database, TimeProvider time)
{
    private const string ReachKey = "label_studio";

    private const string SubscriptionColumns = """
        id, guild_id AS GuildId, channel_id AS ChannelId, target_kind AS TargetKind, target_id AS TargetId, project_id AS ProjectId,
        mention_role_id AS MentionRoleId, created_by_id AS CreatedById, created_by_name AS CreatedByName, created_at AS CreatedAt,
        disabled_at AS DisabledAt, disabled_reason AS DisabledReason, snoozed_until AS SnoozedUntil
        """;

    /// <summary>
    /// Subscribes the channel, or changes the mention of its active subscription to the same target; remembers
    /// <paramref name="baseline"/> for backends the watcher does not know yet, so their current state is not announced.
    /// </summary>
    public async Task<SubscribeOutcome> SubscribeAsync(WatchSubscription subscription, IReadOnlyList<MlBackend> baseline, CancellationToken cancellationToken)
    {
        await using var tx = await database.BeginAsync(cancellationToken);
        foreach (var backend in baseline)
        {
            await tx.Connection.ExecuteAsync($"{UpsertState} ON CONFLICT (backend_id) DO NOTHING", StateParameters(TransitionTracker.Baseline(backend)), tx.Transaction);
        }

        var existing = await tx.Connection.QuerySingleOrDefaultAsync<string?>("SELECT COALESCE(mention_role_id, '') FROM watch_subscriptions WHERE channel_id = @ChannelId AND target_kind = @Kind AND target_id = @Id AND disabled_at IS NULL",
            new { subscription.ChannelId, Kind = subscription.Target.StoredKind, subscription.Target.Id }, tx.Transaction);
        if (existing is not null)
        {
            await tx.Connection.ExecuteAsync("UPDATE watch_subscriptions SET mention_role_id = @MentionRoleId WHERE channel_id = @ChannelId AND target_kind = @Kind AND target_id = @Id AND disabled_at IS NULL",
                new { subscription.MentionRoleId, subscription.ChannelId, Kind = subscription.Target.StoredKind, subscription.Target.Id }, tx.Transaction);
        }
        else
        {
            await tx.Connection.ExecuteAsync("""
                INSERT INTO watch_subscriptions (guild_id, channel_id, target_kind, target_id, project_id, mention_role_id, created_by_id, created_by_name, created_at)
                VALUES (@GuildId, @ChannelId, @Kind, @Id, @ProjectId, @MentionRoleId, @CreatedById, @CreatedByName, @CreatedAt)
                """,
                new
                {
                    subscription.GuildId,
                    subscription.ChannelId,
                    Kind = subscription.Target.StoredKind,
                    subscription.Target.Id,
                    subscription.ProjectId,
                    subscription.MentionRoleId,
                    subscription.CreatedById,
                    subscription.CreatedByName,
                    CreatedAt = Stamp(subscription.CreatedAt),
                },
                tx.Transaction);
        }

        await tx.CommitAsync(cancellationToken);
        return new SubscribeOutcome(existing is null, string.IsNullOrEmpty(existing) ? null : existing);
    }

    /// <summary>Removes the channel's subscriptions to <paramref name="target"/> (disabled ones too); the removed ones, active first.</summary>
    public async Task<IReadOnlyList<WatchSubscription>> UnsubscribeAsync(string channelId, WatchTarget target, CancellationToken cancellationToken)
    {
        await using var tx = await database.BeginAsync(cancellationToken);
        var removed = Subscriptions(await tx.Connection.QueryAsync<SubscriptionRow>(
            $"SELECT {SubscriptionColumns} FROM watch_subscriptions WHERE channel_id = @ChannelId AND target_kind = @Kind AND target_id = @Id ORDER BY disabled_at IS NOT NULL, id",
            new { ChannelId = channelId, Kind = target.StoredKind, target.Id }, tx.Transaction));
        await tx.Connection.ExecuteAsync("DELETE FROM watch_subscriptions WHERE channel_id = @ChannelId AND target_kind = @Kind AND target_id = @Id",
            new { ChannelId = channelId, Kind = target.StoredKind, target.Id }, tx.Transaction);
        await ForgetUnwatchedStatesAsync(tx);
        await tx.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>
    /// Holds back the alerts of the channel's active subscription to <paramref name="target"/> until
    /// <paramref name="until"/> (null: alerts again at once); false when the channel does not watch it.
    /// </summary>
    public async Task<bool> SnoozeAsync(string channelId, WatchTarget target, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE watch_subscriptions SET snoozed_until = @Until WHERE channel_id = @ChannelId AND target_kind = @Kind AND target_id = @Id AND disabled_at IS NULL",
            new { Until = until is { } u ? Stamp(u) : null, ChannelId = channelId, Kind = target.StoredKind, target.Id }) > 0;
    }

    /// <summary>The channel's subscriptions, active first, then disabled ones.</summary>
    public async Task<IReadOnlyList<WatchSubscription>> ChannelSubscriptionsAsync(string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Subscriptions(await connection.QueryAsync<SubscriptionRow>(
            $"SELECT {SubscriptionColumns} FROM watch_subscriptions WHERE channel_id = @ChannelId ORDER BY disabled_at IS NOT NULL, target_kind DESC, target_id",
            new { ChannelId = channelId }));
    }

    /// <summary>Every active subscription.</summary>
    public async Task<IReadOnlyList<WatchSubscription>> ActiveSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ActiveSubscriptionsAsync(connection);
    }

    /// <summary>
    /// Every active subscription, read without creating or migrating the store (for <c>check</c>); none when the store
    /// does not exist yet or has no subscriptions table.
    /// </summary>
    public async Task<IReadOnlyList<WatchSubscription>> StoredActiveSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenExistingAsync("watch_subscriptions", cancellationToken);
        return connection is null ? [] : await ActiveSubscriptionsAsync(connection);
    }

    private static async Task<IReadOnlyList<WatchSubscription>> ActiveSubscriptionsAsync(DbConnection connection) =>
        Subscriptions(await connection.QueryAsync<SubscriptionRow>($"SELECT {SubscriptionColumns} FROM watch_subscriptions WHERE disabled_at IS NULL ORDER BY id"));

    /// <summary>Disables every active subscription of a channel the bot may no longer post in; how many there were.</summary>
    public async Task<int> DisableChannelAsync(string channelId, string reason, CancellationToken cancellationToken)
    {
        await using var tx = await database.BeginAsync(cancellationToken);
        var count = await tx.Connection.ExecuteAsync("UPDATE watch_subscriptions SET disabled_at = @At, disabled_reason = @Reason WHERE channel_id = @ChannelId AND disabled_at IS NULL",
            new { At = Stamp(time.GetUtcNow()), Reason = reason, ChannelId = channelId }, tx.Transaction);
        await ForgetUnwatchedStatesAsync(tx);
        await tx.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Disables the given subscriptions with a reason (inside the watcher's transaction).</summary>
    public async Task DisableAsync(StoreTransaction tx, IEnumerable<long> ids, string reason, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await tx.Connection.ExecuteAsync($"UPDATE watch_subscriptions SET disabled_at = @At, disabled_reason = @Reason WHERE {database.InIds("id")} AND disabled_at IS NULL",
            new { At = Stamp(time.GetUtcNow()), Reason = reason, Ids = ids.ToArray() }, tx.Transaction);
    }

    /// <summary>The remembered states of the backends of <paramref name="projectIds"/>, by backend id.</summary>
    public async Task<Dictionary<int, BackendWatchState>> StatesAsync(
        StoreTransaction tx, IEnumerable<int> projectIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = await tx.Connection.QueryAsync<StateRow>($"""
            SELECT backend_id AS BackendId, project_id AS ProjectId, title, state, error_message AS ErrorMessage, model_version AS ModelVersion,
                   pending_state AS PendingState, pending_count AS PendingCount
            FROM backend_states WHERE {database.InIds("project_id")}
            """,
            new { Ids = projectIds.ToArray() }, tx.Transaction);
        return rows.Select(r => new BackendWatchState(
                (int)r.BackendId, (int)r.ProjectId, r.Title, r.State, r.ErrorMessage, r.ModelVersion, r.PendingState, (int)r.PendingCount))
            .ToDictionary(s => s.BackendId);
    }

    /// <summary>Writes backend states (inside the watcher's transaction).</summary>
    public async Task SaveStatesAsync(StoreTransaction tx, IEnumerable<BackendWatchState> states, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var state in states)
        {
            await tx.Connection.ExecuteAsync($"""
                {UpsertState} ON CONFLICT (backend_id) DO UPDATE SET
                    project_id = excluded.project_id, title = excluded.title, state = excluded.state, error_message = excluded.error_message,
                    model_version = excluded.model_version, pending_state = excluded.pending_state, pending_count = excluded.pending_count,
                    updated_at = excluded.updated_at
                """,
                StateParameters(state), tx.Transaction);
        }
    }

    /// <summary>Forgets backends (removed from Label Studio) and the states no active subscription polls any more.</summary>
    public async Task ForgetStatesAsync(StoreTransaction tx, IEnumerable<int> backendIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await tx.Connection.ExecuteAsync($"DELETE FROM backend_states WHERE {database.InIds("backend_id")}", new { Ids = backendIds.ToArray() }, tx.Transaction);
        await ForgetUnwatchedStatesAsync(tx);
    }

    /// <summary>What the channels were last told about Label Studio (reachable when never told otherwise).</summary>
    public static async Task<LabelStudioReach> ReachAsync(StoreTransaction tx, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var value = await tx.Connection.QuerySingleOrDefaultAsync<string?>("SELECT value FROM watch_status WHERE key = @Key", new { Key = ReachKey }, tx.Transaction);
        return Enum.TryParse<LabelStudioReach>(value, out var reach) ? reach : LabelStudioReach.Reachable;
    }

    /// <summary>Records what the channels were told about Label Studio.</summary>
    public async Task SetReachAsync(StoreTransaction tx, LabelStudioReach reach, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await tx.Connection.ExecuteAsync("""
            INSERT INTO watch_status (key, value, updated_at) VALUES (@Key, @Value, @At)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """,
            new { Key = ReachKey, Value = reach.ToString(), At = Stamp(time.GetUtcNow()) }, tx.Transaction);
    }

    private const string UpsertState = """
        INSERT INTO backend_states (backend_id, project_id, title, state, error_message, model_version, pending_state, pending_count, updated_at)
        VALUES (@BackendId, @ProjectId, @Title, @State, @ErrorMessage, @ModelVersion, @PendingState, @PendingCount, @UpdatedAt)
        """;

    private StoredState StateParameters(BackendWatchState state) => new(
        state.BackendId, state.ProjectId, state.Title, state.State, state.ErrorMessage, state.ModelVersion, state.PendingState, state.PendingCount,
        Stamp(time.GetUtcNow()));

    private static Task<int> ForgetUnwatchedStatesAsync(StoreTransaction tx) =>
        tx.Connection.ExecuteAsync("DELETE FROM backend_states WHERE project_id NOT IN (SELECT project_id FROM watch_subscriptions WHERE disabled_at IS NULL)",
            transaction: tx.Transaction);

    private static List<WatchSubscription> Subscriptions(IEnumerable<SubscriptionRow> rows) =>
        rows.Select(r => new WatchSubscription(
            r.Id, r.GuildId, r.ChannelId, WatchTarget.FromStored(r.TargetKind, r.TargetId), (int)r.ProjectId, r.MentionRoleId, r.CreatedById, r.CreatedByName,
            Parse(r.CreatedAt), r.DisabledAt is null ? null : Parse(r.DisabledAt), r.DisabledReason,
            r.SnoozedUntil is null ? null : Parse(r.SnoozedUntil))).ToList();

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    internal sealed record SubscriptionRow(
        long Id, string? GuildId, string ChannelId, string TargetKind, long TargetId, long ProjectId, string? MentionRoleId,
        string CreatedById, string CreatedByName, string CreatedAt, string? DisabledAt, string? DisabledReason, string? SnoozedUntil);

    /// <summary>The parameters of <see cref="UpsertState"/>.</summary>
    internal sealed record StoredState(
        int BackendId, int ProjectId, string? Title, string State, string? ErrorMessage, string? ModelVersion, string? PendingState, int PendingCount,
        string UpdatedAt);

    internal sealed record StateRow(
        long BackendId, long ProjectId, string? Title, string State, string? ErrorMessage, string? ModelVersion, string? PendingState, long PendingCount);
}
