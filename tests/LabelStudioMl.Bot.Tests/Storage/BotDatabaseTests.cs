using Dapper;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Tests.Storage;

public sealed class BotDatabaseTests
{
    [Fact]
    public async Task Migrating_a_new_file_applies_every_version_once_in_WAL_mode()
    {
        using var temp = new TemporaryDatabase();

        await temp.Database.MigrateAsync();
        await temp.Database.MigrateAsync();

        await using var connection = await temp.Database.OpenAsync();
        var versions = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), versions);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
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
