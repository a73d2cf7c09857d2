using System.Data.Common;
using System.Globalization;
using Dapper;
using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>
/// Training runs in the store. The store itself refuses a second run in flight for one backend (a unique index),
/// and a run's final status is written in the same transaction as the channel message that reports it.
/// </summary>
internal sealed class TrainingRunStore(BotDatabase database, NotificationOutbox outbox, Replica replica)
{
    private const string Columns = """
        id, backend_id AS BackendId, project_id AS ProjectId, interaction_id AS InteractionId, guild_id AS GuildId,
        channel_id AS ChannelId, start_message_id AS StartMessageId, started_by_id AS StartedById, started_by_name AS StartedByName,
        started_at AS StartedAt, version_before AS VersionBefore, status
        """;

    /// <summary>Whether replicas share the store: a run in flight may be another process's.</summary>
    public bool IsShared => database.IsShared;

    /// <summary>Records a new run; returns it, or the run already in flight for that backend (and no new one).</summary>
    public async Task<(TrainingRun Run, bool Started)> TryStartAsync(TrainingRun run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO training_runs (backend_id, project_id, interaction_id, guild_id, channel_id, started_by_id, started_by_name, started_at, version_before, status, run_by)
                VALUES (@BackendId, @ProjectId, @InteractionId, @GuildId, @ChannelId, @StartedById, @StartedByName, @StartedAt, @VersionBefore, @Running, @RunBy)
                RETURNING id
                """,
                new
                {
                    run.BackendId, run.ProjectId, run.InteractionId, run.GuildId, run.ChannelId, run.StartedById, run.StartedByName,
                    StartedAt = run.StartedAt.ToUniversalTime().ToString("O"), run.VersionBefore, TrainingStatus.Running, RunBy = replica.Name,
                });
            return (run with { Id = id, Status = TrainingStatus.Running }, true);
        }
        catch (DbException e) when (database.IsUniqueViolation(e)) // a run is in flight for this backend
        {
            var existing = Runs(await connection.QueryAsync<RunRow>(
                $"SELECT {Columns} FROM training_runs WHERE backend_id = @Id AND status IN ('running', 'interrupted')", new { Id = run.BackendId }));
            if (existing.Count == 0)
                throw;
            return (existing[0], false);
        }
    }

    /// <summary>Remembers the "training started" message, which a late result replies to.</summary>
    public async Task AttachStartMessageAsync(string interactionId, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE training_runs SET start_message_id = @MessageId WHERE interaction_id = @InteractionId",
            new { MessageId = messageId, InteractionId = interactionId });
    }

    /// <summary>The run as stored now (its start message may have been attached since it began).</summary>
    public async Task<TrainingRun?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var runs = Runs(await connection.QueryAsync<RunRow>($"SELECT {Columns} FROM training_runs WHERE id = @Id", new { Id = id }));
        return runs.Count > 0 ? runs[0] : null;
    }

    /// <summary>Runs whose <c>/train</c> call was cut off and whose result is still owed.</summary>
    public async Task<IReadOnlyList<TrainingRun>> InterruptedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Runs(await connection.QueryAsync<RunRow>($"SELECT {Columns} FROM training_runs WHERE status = 'interrupted' ORDER BY id"));
    }

    /// <summary>The runs of a project still in flight (running or interrupted), oldest first: those a report from its ML server may be about.</summary>
    public Task<IReadOnlyList<TrainingRun>> InFlightForProjectAsync(int projectId, CancellationToken cancellationToken) =>
        InFlightAsync("project_id", projectId, cancellationToken);

    /// <summary>The run of a backend still in flight (running or interrupted), if any: at most one, as the store keeps it.</summary>
    public Task<IReadOnlyList<TrainingRun>> InFlightForBackendAsync(int backendId, CancellationToken cancellationToken) =>
        InFlightAsync("backend_id", backendId, cancellationToken);

    private async Task<IReadOnlyList<TrainingRun>> InFlightAsync(string column, int id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Runs(await connection.QueryAsync<RunRow>(
            $"SELECT {Columns} FROM training_runs WHERE {column} = @Id AND status IN ('running', 'interrupted') ORDER BY id", new { Id = id }));
    }

    /// <summary>
    /// Runs whose process ended lost their <c>/train</c> call: they are interrupted (the result is read from the model
    /// version); returns how many. On SQLite, at start, every run still running is a previous process's. On a store
    /// shared by replicas, only those of a process that has not said it was alive since <paramref name="aliveSince"/>.
    /// </summary>
    public async Task<int> InterruptLeftoversAsync(DateTimeOffset aliveSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return database.IsShared
            ? await connection.ExecuteAsync("""
                UPDATE training_runs SET status = 'interrupted'
                WHERE status = 'running' AND (run_by IS NULL OR run_by NOT IN (SELECT name FROM replicas WHERE seen_at > @AliveSince))
                """,
                new { AliveSince = aliveSince.ToUniversalTime().ToString("O") })
            : await connection.ExecuteAsync("UPDATE training_runs SET status = 'interrupted' WHERE status = 'running'");
    }

    /// <summary>This process's <c>/train</c> call was cut off (time limit): the result is read from the model version.</summary>
    public async Task InterruptAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE training_runs SET status = 'interrupted' WHERE id = @Id AND status = 'running'", new { Id = id });
    }

    /// <summary>
    /// Writes the final status; with <paramref name="post"/>, queues the message that reports it in the same
    /// transaction, so the result is owed until it is delivered. Returns whether the run was still in flight (false:
    /// its result was told before, and nothing is queued) and the queued message's id.
    /// </summary>
    public async Task<(bool Finished, long? PostId)> FinishAsync(long id, TrainingResult result, ChannelPost? post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool finished;
        long? postId = null;
        await using (var tx = await database.BeginAsync(cancellationToken))
        {
            finished = await tx.Connection.ExecuteAsync("""
                UPDATE training_runs SET status = @Status, version_after = @VersionAfter, error_message = @Error, finished_at = @At
                WHERE id = @Id AND status IN ('running', 'interrupted')
                """,
                new { Id = id, Status = result.Status, VersionAfter = result.VersionAfter, Error = result.ErrorMessage, At = result.At.ToUniversalTime().ToString("O") },
                tx.Transaction) == 1;
            if (finished && post is not null)
                postId = (await outbox.EnqueueAsync(tx, [post], cancellationToken))[0];
            await tx.CommitAsync(cancellationToken);
        }

        if (postId is not null && !post!.AwaitsFollowUp)
            outbox.Wake();
        return (finished, postId);
    }

    private static List<TrainingRun> Runs(IEnumerable<RunRow> rows) =>
        [.. rows.Select(r => new TrainingRun(
            r.Id, (int)r.BackendId, (int)r.ProjectId, r.InteractionId, r.GuildId, r.ChannelId, r.StartMessageId, r.StartedById, r.StartedByName,
            DateTimeOffset.Parse(r.StartedAt, CultureInfo.InvariantCulture), r.VersionBefore, r.Status))];

    internal sealed record RunRow(
        long Id, long BackendId, long ProjectId, string InteractionId, string? GuildId, string? ChannelId, string? StartMessageId,
        string StartedById, string StartedByName, string StartedAt, string? VersionBefore, string Status);
}
