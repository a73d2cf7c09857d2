using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dapper;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Components;

/// <summary>
/// Button sessions in the store's <c>button_sessions</c> table (<see cref="ISessions{T}"/>), as JSON, for replicas
/// sharing a PostgreSQL store: the replica that shows the buttons writes the session, and whichever one gets the press
/// reads it. Taking is one <c>DELETE … RETURNING</c>, so of two replicas taking at once one gets it. Expired rows are
/// deleted every <see cref="PruneEvery"/> sessions this process adds.
/// </summary>
/// <param name="database">The store.</param>
/// <param name="kind">What the sessions are (<c>page</c>, <c>remove</c>): a custom id of one kind never finds another's.</param>
/// <param name="type">How a session is written and read (source-generated JSON).</param>
/// <param name="time">The clock of expiry.</param>
/// <param name="idBytes">Random bytes per id (its hex form is twice as long).</param>
/// <param name="keptAfterExpiry">How long an expired session can still be taken (the removal prompt's countdown).</param>
internal sealed class StoredSessions<T>(BotDatabase database, string kind, JsonTypeInfo<T> type, TimeProvider time, int idBytes, TimeSpan keptAfterExpiry = default)
    : ISessions<T>
    where T : class
{
    private const int PruneEvery = 200;

    /// <summary>
    /// How long a session waits for the store to open a connection: a press reads its session before its first answer,
    /// which Discord wants within 3 s, so a server that does not answer costs the user a "cannot reach the store" answer
    /// in time rather than the interaction.
    /// </summary>
    public static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(2);

    private long _added;

    public async Task<T> AddAsync(Func<string, T> create, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(idBytes));
        var value = create(id);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenWithinAsync(StoreWait, cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO button_sessions (id, kind, payload, created_at, expires_at) VALUES (@Id, @Kind, @Payload, @Now, @Expires)",
            new { Id = id, Kind = kind, Payload = JsonSerializer.Serialize(value, type), Now = Stamp(now), Expires = Stamp(now + lifetime) });
        if (Interlocked.Increment(ref _added) % PruneEvery == 0)
            await connection.ExecuteAsync("DELETE FROM button_sessions WHERE expires_at < @Before", new { Before = Stamp(now - keptAfterExpiry) });
        return value;
    }

    public async Task<T?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWithinAsync(StoreWait, cancellationToken);
        var payload = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT payload FROM button_sessions WHERE id = @Id AND kind = @Kind AND expires_at > @Now",
            new { Id = id, Kind = kind, Now = Stamp(time.GetUtcNow()) });
        return Read(payload);
    }

    public async Task<T?> TryTakeAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWithinAsync(StoreWait, cancellationToken);
        var payload = await connection.QuerySingleOrDefaultAsync<string?>(
            "DELETE FROM button_sessions WHERE id = @Id AND kind = @Kind AND expires_at > @Cutoff RETURNING payload",
            new { Id = id, Kind = kind, Cutoff = Stamp(time.GetUtcNow() - keptAfterExpiry) });
        return Read(payload);
    }

    /// <summary>The session in <paramref name="payload"/>; null (gone) when a bot of another version wrote it in a shape this one cannot read.</summary>
    private T? Read(string? payload)
    {
        try
        {
            return payload is null ? null : JsonSerializer.Deserialize(payload, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O");
}
