using LabelStudioMl.Bot.Components;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Components;

/// <summary>The one store behind the bot's buttons (paging and removal confirmations): bounded, expiring, taken once.</summary>
public sealed class BoundedSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Each_entry_gets_its_own_id_of_the_asked_length_and_is_found_by_it()
    {
        var store = new BoundedSessions<string>(_time, capacity: 10, idBytes: 6);

        var first = store.Add(id => $"first {id}", TimeSpan.FromMinutes(1));
        var second = store.Add(id => $"second {id}", TimeSpan.FromMinutes(1));

        var firstId = first["first ".Length..];
        Assert.Equal(12, firstId.Length);
        Assert.NotEqual(firstId, second["second ".Length..]);
        Assert.Equal(first, store.Find(firstId));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Past_its_capacity_the_oldest_entry_gives_way()
    {
        var store = new BoundedSessions<string>(_time, capacity: 2, idBytes: 5);
        var ids = Enumerable.Range(0, 3).Select(_ => store.Add(id => id, TimeSpan.FromMinutes(1))).ToList();

        Assert.Null(store.Find(ids[0]));
        Assert.NotNull(store.Find(ids[1]));
        Assert.NotNull(store.Find(ids[2]));
    }

    [Fact]
    public void An_expired_entry_is_not_found_but_can_still_be_taken_within_the_grace_and_only_once()
    {
        var store = new BoundedSessions<string>(_time, capacity: 10, idBytes: 6, keptAfterExpiry: TimeSpan.FromMinutes(1));
        var id = store.Add(id => id, TimeSpan.FromSeconds(60));

        _time.Advance(TimeSpan.FromSeconds(61));
        store.Add(other => other, TimeSpan.FromSeconds(60)); // another prompt meanwhile must not drop it

        Assert.Null(store.Find(id));
        Assert.Equal(id, store.TryTake(id));
        Assert.Null(store.TryTake(id));
    }

    [Fact]
    public void Without_a_grace_an_expired_entry_is_dropped_and_not_counted()
    {
        var store = new BoundedSessions<string>(_time, capacity: 10, idBytes: 5);
        var id = store.Add(id => id, TimeSpan.FromMinutes(15));

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(0, store.Count);
        Assert.Null(store.TryTake(id));
    }
}
