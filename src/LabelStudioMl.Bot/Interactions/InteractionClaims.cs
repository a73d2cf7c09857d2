using System.Data.Common;
using Dapper;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// Makes each interaction run once, however often it is delivered: a gateway replayed by another session, a signed
/// request retried or sent to two replicas. On a PostgreSQL store, which several bot processes share, the claim is a
/// row of <c>interaction_claims</c> (the first insert wins, the others find it); on SQLite, whose store has one
/// process, the process remembers the ids itself. Claims are kept <see cref="Kept"/>, as long as Discord lets an
/// interaction be answered.
/// </summary>
internal sealed partial class InteractionClaims(BotDatabase database, StoreHealth health, Replica replica, TimeProvider time, ILogger<InteractionClaims> logger)
{
    /// <summary>How long a claim is kept: an interaction's token is valid for 15 minutes.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a claim may wait for the store: it comes before the interaction's first answer, which Discord wants
    /// within 3 s, so a store that is slow to answer must not cost the user the interaction.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Old claims are deleted every this many claims of this process.</summary>
    private const int PruneEvery = 500;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _byAge = new();
    private long _claims;

    /// <summary>
    /// True when this process takes the interaction on; false when it was claimed before (by this process or another).
    /// A store that cannot be written (a fault) or cannot be reached within <see cref="Timeout"/> does not hold
    /// interactions back: the claim is then this process's own.
    /// </summary>
    public async Task<bool> TryClaimAsync(string interactionId, CancellationToken cancellationToken)
    {
        if (health.Provider != StorageProvider.Postgres)
            return ClaimHere(interactionId);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        // Npgsql does not give up a connection attempt on cancellation before its own Timeout (15 s by default): the
        // claim stops waiting for it, and a connection that opens later is closed then.
        var opening = database.OpenAsync(limit.Token);
        try
        {
            var now = time.GetUtcNow();
            await using var connection = await opening.WaitAsync(limit.Token);
            var claimed = await connection.ExecuteAsync(
                "INSERT INTO interaction_claims (interaction_id, claimed_at, claimed_by) VALUES (@Id, @At, @By) ON CONFLICT (interaction_id) DO NOTHING",
                new { Id = interactionId, At = now.ToString("O"), By = replica.Name }) == 1;
            if (Interlocked.Increment(ref _claims) % PruneEvery == 0)
                await connection.ExecuteAsync("DELETE FROM interaction_claims WHERE claimed_at < @Before", new { Before = (now - Kept).ToString("O") });
            return claimed;
        }
        catch (Exception e) when (health.Observe(e) is { } fault)
        {
            LogUnclaimed(interactionId, fault.Problem);
            return ClaimHere(interactionId);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException && limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _ = CloseWhenOpenedAsync(opening);
            LogUnclaimed(interactionId, $"the store did not answer within {Timeout.TotalSeconds:0} s");
            return ClaimHere(interactionId);
        }
    }

    private static async Task CloseWhenOpenedAsync(Task<DbConnection> opening)
    {
        await ((Task)opening).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (opening.IsCompletedSuccessfully)
            await opening.Result.DisposeAsync();
    }

    private bool ClaimHere(string interactionId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            while (_byAge.TryPeek(out var oldest) && oldest.At <= now - Kept)
                _seen.Remove(_byAge.Dequeue().Id);
            if (!_seen.Add(interactionId))
                return false;
            _byAge.Enqueue((interactionId, now));
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} runs without a claim in the store ({Problem}); another replica may run it too")]
    private partial void LogUnclaimed(string interactionId, string problem);
}
