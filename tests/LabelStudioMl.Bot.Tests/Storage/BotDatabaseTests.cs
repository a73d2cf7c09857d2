using Dapper;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Tests.Storage;

public sealed class BotDatabaseTests
{
    [Fact]
    public async Task Migrating_a_new_file_applies_every_version_once_in_WAL_mode()
    {
        using var temp = TemporaryDatabase.Sqlite();

        await temp.Database.MigrateAsync();
        await temp.Database.MigrateAsync();

        await using var connection = await temp.Database.OpenAsync();
        var versions = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), versions);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_version_missing_below_the_newest_applied_one_is_applied()
    {
        using var temp = new TemporaryDatabase();
        await temp.Database.MigrateAsync();
        await using (var connection = await temp.Database.OpenAsync())
            await connection.ExecuteAsync("DROP TABLE watch_subscriptions; DROP TABLE backend_states; DROP TABLE watch_status; DELETE FROM schema_migrations WHERE version = 2");

        await temp.Database.MigrateAsync();

        await using var migrated = await temp.Database.OpenAsync();
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), await migrated.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(0, await migrated.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM watch_subscriptions"));
    }

    [Fact]
    public async Task A_store_from_a_newer_bot_is_refused_with_what_to_do()
    {
        using var temp = new TemporaryDatabase();
        await temp.Database.MigrateAsync();
        await using (var connection = await temp.Database.OpenAsync())
            await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')");

        var error = await Assert.ThrowsAsync<StorageException>(() => temp.Database.MigrateAsync());

        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
