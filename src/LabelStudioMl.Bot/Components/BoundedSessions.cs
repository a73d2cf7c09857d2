using System.Security.Cryptography;

namespace LabelStudioMl.Bot.Components;

/// <summary>
/// Button sessions in this process's memory (<see cref="ISessions{T}"/>), for a store that has one process. Bounded:
/// at most <c>capacity</c> entries, the oldest give way, and expired ones are dropped. Thread-safe.
/// </summary>
/// <param name="time">The clock of expiry.</param>
/// <param name="capacity">Entries kept at most.</param>
/// <param name="idBytes">Random bytes per id (its hex form is twice as long).</param>
/// <param name="keptAfterExpiry">
/// How long an expired entry stays for <see cref="TryTakeAsync"/> (not for <see cref="FindAsync"/>): room for whoever
/// ends an entry at its expiry (the removal prompt's countdown) to still take it.
/// </param>
internal sealed class BoundedSessions<T>(TimeProvider time, int capacity, int idBytes, TimeSpan keptAfterExpiry = default) : ISessions<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _byAge = new();

    /// <summary>Entries that have not expired.</summary>
    public int Count
    {
        get
        {
            var now = time.GetUtcNow();
            lock (_gate)
            {
                DropExpired(now);
                return _entries.Values.Count(e => e.ExpiresAt > now);
            }
        }
    }

    public Task<T> AddAsync(Func<string, T> create, TimeSpan lifetime, CancellationToken cancellationToken) => Task.FromResult(Add(create, lifetime));

    public Task<T?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Find(id));

    public Task<T?> TryTakeAsync(string id, CancellationToken cancellationToken) => Task.FromResult(TryTake(id));

    private T Add(Func<string, T> create, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(create);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            DropExpired(now);
            while (_entries.Count >= capacity && _byAge.TryDequeue(out var oldest))
                _entries.Remove(oldest);

            string id;
            do
                id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(idBytes));
            while (_entries.ContainsKey(id));

            var value = create(id);
            _entries[id] = new Entry(value, now + lifetime);
            _byAge.Enqueue(id);
            return value;
        }
    }

    private T? Find(string id)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            DropExpired(now);
            return _entries.TryGetValue(id, out var entry) && entry.ExpiresAt > now ? entry.Value : null;
        }
    }

    private T? TryTake(string id)
    {
        lock (_gate)
            return _entries.Remove(id, out var entry) ? entry.Value : null;
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_byAge.TryPeek(out var oldest) && (!_entries.TryGetValue(oldest, out var entry) || entry.ExpiresAt + keptAfterExpiry <= now))
        {
            _byAge.Dequeue();
            _entries.Remove(oldest);
        }
    }

    private sealed record Entry(T Value, DateTimeOffset ExpiresAt);
}
