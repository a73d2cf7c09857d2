using System.Security.Cryptography;

namespace LabelStudioMl.Bot.Components;

/// <summary>
/// What a button needs to find again when it is pressed (pages to browse, a removal to confirm), under a random id
/// that goes into the button's custom id. Bounded: at most <c>capacity</c> entries, the oldest give way, and expired
/// ones are dropped. <see cref="TryTake"/> removes atomically, so two takers (a press and an expiry) never both get an
/// entry. Thread-safe.
/// </summary>
/// <param name="time">The clock of expiry.</param>
/// <param name="capacity">Entries kept at most.</param>
/// <param name="idBytes">Random bytes per id (its hex form is twice as long).</param>
/// <param name="keptAfterExpiry">
/// How long an expired entry stays for <see cref="TryTake"/> (not for <see cref="Find"/>): room for whoever ends an
/// entry at its expiry (the removal prompt's countdown) to still take it.
/// </param>
internal sealed class BoundedSessions<T>(TimeProvider time, int capacity, int idBytes, TimeSpan keptAfterExpiry = default)
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

    /// <summary>Stores the value <paramref name="create"/> makes for a new id, for <paramref name="lifetime"/>; returns it.</summary>
    public T Add(Func<string, T> create, TimeSpan lifetime)
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

    /// <summary>The live entry, without taking it; null when expired, taken, evicted or unknown.</summary>
    public T? Find(string id)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            DropExpired(now);
            return _entries.TryGetValue(id, out var entry) && entry.ExpiresAt > now ? entry.Value : null;
        }
    }

    /// <summary>Removes and returns the entry (also within <c>keptAfterExpiry</c> of its expiry); null when someone took it first.</summary>
    public T? TryTake(string id)
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
