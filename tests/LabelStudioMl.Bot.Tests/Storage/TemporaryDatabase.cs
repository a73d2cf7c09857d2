using LabelStudioMl.Bot.Storage;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        (Database, Health) = StoreAt(ConnectionString, _meters);
    }

    /// <summary>The bot's store and its health on <paramref name="connectionString"/>, metered by <paramref name="services"/>.</summary>
    public static (BotDatabase Database, StoreHealth Health) StoreAt(string connectionString, IServiceProvider services)
    {
        var options = Options.Create(new StorageOptions { ConnectionString = connectionString });
        var health = new StoreHealth(options, services.GetRequiredService<IMeterFactory>(), NullLogger<StoreHealth>.Instance);
        return (new BotDatabase(options, health, NullLogger<BotDatabase>.Instance), health);
    }

    /// <summary>A metrics-only service provider for <see cref="StoreAt"/>.</summary>
    public static ServiceProvider Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider();

    private readonly ServiceProvider _meters = Meters();

    public string Path { get; }

    public string ConnectionString { get; }

    public BotDatabase Database { get; }

    /// <summary>The store's health as the bot's components see it.</summary>
    public StoreHealth Health { get; }

    /// <summary>The audit log on this store.</summary>
    public AuditLog NewAuditLog(ILogger<AuditLog>? logger = null) => new(Database, Health, logger ?? NullLogger<AuditLog>.Instance);

    public void Dispose()
    {
        _meters.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(Path + suffix);
    }
}
