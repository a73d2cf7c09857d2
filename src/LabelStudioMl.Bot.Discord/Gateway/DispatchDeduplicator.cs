namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>Remembers recent interaction ids so a dispatch replayed after a resume is handled once (REF "Consistency").</summary>
/// <param name="capacity">How many recent ids are remembered.</param>
public sealed class DispatchDeduplicator(int capacity = 4096)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time an id is seen (among the last <c>capacity</c> ids), false for a repeat.</summary>
    /// <param name="id">The event's id, e.g. an interaction id.</param>
    /// <returns>Whether this is the first delivery.</returns>
    public bool FirstTime(string id)
    {
        lock (_lock)
        {
            if (!_seen.Add(id))
                return false;
            _order.Enqueue(id);
            if (_order.Count > capacity)
                _seen.Remove(_order.Dequeue());
            return true;
        }
    }
}
