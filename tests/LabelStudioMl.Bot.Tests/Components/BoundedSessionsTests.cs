using System.Text.Json.Serialization;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Components;

/// <summary>
/// The stores behind the bot's buttons (paging and removal confirmations): in memory (bounded) for a store with one
/// process, and in the store itself for replicas sharing it; both expire entries and let each be taken once.
/// </summary>
public sealed partial class BoundedSessionsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TemporaryDatabase _store = new();

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_entry_gets_its_own_id_of_the_asked_length_and_is_found_by_it(bool stored)
    {
        var store = await SessionsAsync(stored, capacity: 10, idBytes: 6, kept: TimeSpan.Zero);

        var first = await store.AddAsync(id => $"first {id}", TimeSpan.FromMinutes(1), CancellationToken.None);
        var second = await store.AddAsync(id => $"second {id}", TimeSpan.FromMinutes(1), CancellationToken.None);

        var firstId = first["first ".Length..];
        Assert.Equal(12, firstId.Length);
        Assert.NotEqual(firstId, second["second ".Length..]);
        Assert.Equal(first, await store.FindAsync(firstId, CancellationToken.None));
    }

    [Fact]
    public async Task In_memory_past_its_capacity_the_oldest_entry_gives_way()
    {
        var store = new BoundedSessions<string>(_time, capacity: 2, idBytes: 5);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add(await store.AddAsync(id => id, TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.Null(await store.FindAsync(ids[0], CancellationToken.None));
        Assert.NotNull(await store.FindAsync(ids[1], CancellationToken.None));
        Assert.NotNull(await store.FindAsync(ids[2], CancellationToken.None));
        Assert.Equal(2, store.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_expired_entry_is_not_found_but_can_still_be_taken_within_the_grace_and_only_once(bool stored)
    {
        var store = await SessionsAsync(stored, capacity: 10, idBytes: 6, kept: TimeSpan.FromMinutes(1));
        var id = await store.AddAsync(id => id, TimeSpan.FromSeconds(60), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(61));
        await store.AddAsync(other => other, TimeSpan.FromSeconds(60), CancellationToken.None); // another prompt meanwhile must not drop it

        Assert.Null(await store.FindAsync(id, CancellationToken.None));
        Assert.Equal(id, await store.TryTakeAsync(id, CancellationToken.None));
        Assert.Null(await store.TryTakeAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Without_a_grace_an_expired_entry_is_gone(bool stored)
    {
        var store = await SessionsAsync(stored, capacity: 10, idBytes: 5, kept: TimeSpan.Zero);
        var id = await store.AddAsync(id => id, TimeSpan.FromMinutes(15), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Null(await store.FindAsync(id, CancellationToken.None));
        Assert.Null(await store.TryTakeAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task In_the_store_two_takers_at_once_get_an_entry_once()
    {
        await _store.Database.MigrateAsync();
        var (one, two) = (Stored("page", TimeSpan.Zero), Stored("page", TimeSpan.Zero));
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
            ids.Add(await one.AddAsync(id => id, TimeSpan.FromMinutes(1), CancellationToken.None));

        var taken = await Task.WhenAll(ids.SelectMany(id => new[] { one.TryTakeAsync(id, CancellationToken.None), two.TryTakeAsync(id, CancellationToken.None) }));

        Assert.Equal(ids.Order(), taken.OfType<string>().Order());
        Assert.Null(await Stored("remove", TimeSpan.Zero).FindAsync(await one.AddAsync(id => id, TimeSpan.FromMinutes(1), CancellationToken.None), CancellationToken.None));
    }

    [Fact]
    public async Task In_the_store_a_session_this_bot_cannot_read_is_gone_rather_than_an_error()
    {
        await _store.Database.MigrateAsync();
        var store = Stored("page", TimeSpan.Zero);
        var id = await store.AddAsync(id => id, TimeSpan.FromMinutes(1), CancellationToken.None);
        await using (var connection = await _store.Database.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"UPDATE button_sessions SET payload = '{{\"pages\":' WHERE id = '{id}'";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Null(await store.FindAsync(id, CancellationToken.None));
        Assert.Null(await store.TryTakeAsync(id, CancellationToken.None));
    }

    private async Task<ISessions<string>> SessionsAsync(bool stored, int capacity, int idBytes, TimeSpan kept)
    {
        if (!stored)
            return new BoundedSessions<string>(_time, capacity, idBytes, kept);
        await _store.Database.MigrateAsync();
        return Stored("page", kept, idBytes);
    }

    private StoredSessions<string> Stored(string kind, TimeSpan kept, int idBytes = 5) =>
        new(_store.Database, kind, TextJson.Default.String, _time, idBytes, kept);

    /// <summary>Sessions of plain text, as source-generated JSON (also for the sessions tests of other folders).</summary>
    [JsonSerializable(typeof(string))]
    internal sealed partial class TextJson : JsonSerializerContext;
}
