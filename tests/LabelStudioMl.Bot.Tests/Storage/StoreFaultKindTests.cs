using Dapper;
using LabelStudioMl.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace LabelStudioMl.Bot.Tests.Storage;

/// <summary>Which SQLite failures are faults of the store, from SQLite's own errors on real files.</summary>
public sealed class StoreFaultKindTests
{
    [Fact]
    public async Task A_write_through_a_read_only_connection_is_a_read_only_store()
    {
        using var temp = TemporaryDatabase.Sqlite();
        await temp.Database.MigrateAsync();
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Mode=ReadOnly;Pooling=False");

        var e = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("INSERT INTO store_probe (id, at) VALUES (1, 'now')"));

        Assert.Equal(StoreFaultKind.ReadOnly, StoreFault.KindOf(e));
    }

    [Fact]
    public async Task A_store_that_may_not_grow_is_a_full_store()
    {
        using var temp = TemporaryDatabase.Sqlite();
        await temp.Database.MigrateAsync();
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Pooling=False");
        await connection.OpenAsync(); // the page limit holds for this connection only
        var pages = await connection.ExecuteScalarAsync<long>("PRAGMA page_count");
        await connection.ExecuteAsync($"PRAGMA max_page_count = {pages}");

        var e = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT INTO audit_log (at, user_id, user_name, command, arguments, outcome, duration_ms) VALUES ('now', '1', 'a', 'c', @Big, 'ok', 0)",
            new { Big = new string('x', 64 * 1024) }));

        Assert.Equal(StoreFaultKind.Full, StoreFault.KindOf(e));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_a_damaged_store_and_a_constraint_is_no_store_fault()
    {
        using var temp = TemporaryDatabase.Sqlite();
        await File.WriteAllTextAsync(temp.Path, new string('x', 8192));
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Pooling=False");

        var damaged = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("SELECT count(*) FROM sqlite_master"));
        var constraint = new SqliteException("UNIQUE constraint failed", 19);

        Assert.Equal(StoreFaultKind.Damaged, StoreFault.KindOf(damaged));
        Assert.Null(StoreFault.KindOf(constraint));
        Assert.Null(StoreFault.KindOf(new InvalidOperationException("a bug")));
    }
}
