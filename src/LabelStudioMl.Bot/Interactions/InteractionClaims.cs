using Dapper;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// Makes each interaction run once across the bot processes that share a PostgreSQL store: every replica's gateway
/// session gets every interaction, and a signed request may be retried or sent to two replicas. The claim is a row of
/// <c>interaction_claims</c> (the first insert wins, the others find it), kept <see cref="Kept"/>, as long as Discord
/// lets an interaction be answered. Repeats within one process are the transport's to drop (the gateway session's
/// window of recent ids, the HTTP endpoint's own), so a SQLite store, which has one process, needs no claim, and
/// this process keeps no id in memory.
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

    private long _claims;

    /// <summary>
    /// True when this process takes the interaction on; false when another claimed it before (or this one, for a
    /// repeat its transport did not see). Always true on SQLite. A store that cannot be written (a fault) or cannot be
    /// reached within <see cref="Timeout"/> does not hold interactions back: the interaction then runs here, and another
    /// replica may run it too.
    /// </summary>
    public async Task<bool> TryClaimAsync(string interactionId, CancellationToken cancellationToken)
    {
        if (health.Provider != StorageProvider.Postgres)
            return true;
        try
        {
            var now = time.GetUtcNow();
            await using var connection = await database.OpenWithinAsync(Timeout, cancellationToken);
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
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} runs without a claim in the store ({Problem}); another replica may run it too")]
    private partial void LogUnclaimed(string interactionId, string problem);
}
