namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// Remembers the last <c>capacity</c> interaction ids so a dispatch replayed after a resume is handled once (REF
/// "Consistency"), and a request an HTTP interactions endpoint gets twice runs once. Ids are snowflakes, kept as numbers in storage sized once at construction: the memory it takes is
/// the same after the first interaction as after the millionth.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class DispatchDeduplicator
{
    private readonly HashSet<ulong> _seen;
    private readonly ulong[] _ring;
    private readonly Lock _lock = new();
    private int _next;

    /// <summary>Creates a deduplicator that remembers <paramref name="capacity"/> ids.</summary>
    /// <param name="capacity">How many recent ids are remembered (at least 1).</param>
    public DispatchDeduplicator(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _seen = new HashSet<ulong>(capacity);
        _ring = new ulong[capacity];
    }

    /// <summary>True the first time an id is seen (among the last <c>capacity</c> ids), false for a repeat.</summary>
    /// <param name="id">The event's snowflake id, e.g. an interaction id.</param>
    /// <returns>Whether this is the first delivery.</returns>
    public bool FirstTime(ulong id)
    {
        lock (_lock)
        {
            if (!_seen.Add(id))
                return false;
            if (_seen.Count > _ring.Length)
                _seen.Remove(_ring[_next]);
            _ring[_next] = id;
            _next = (_next + 1) % _ring.Length;
            return true;
        }
    }
}
