using LabelStudioMl.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Tests.Storage;

/// <summary>A store in a fresh temporary file, deleted afterwards.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    public TemporaryDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lsbot-test-{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={Path}";
        Database = new BotDatabase(Options.Create(new StorageOptions { ConnectionString = ConnectionString }), NullLogger<BotDatabase>.Instance);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public BotDatabase Database { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(Path + suffix);
    }
}
