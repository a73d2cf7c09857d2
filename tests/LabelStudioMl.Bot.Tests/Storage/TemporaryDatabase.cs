using LabelStudioMl.Bot.Storage;
using System.Diagnostics.Metrics;
using LabelStudioMl.Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Tests.Storage;

/// <summary>The bot's store on a fresh <see cref="TestStore"/> (the run's provider, or SQLite where asked), thrown away afterwards.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly ServiceProvider _meters = Meters();

    public TemporaryDatabase()
        : this(TestStore.Create())
    {
    }

    private TemporaryDatabase(TestStore store)
    {
        Store = store;
        (Database, Health) = StoreAt(store, _meters);
    }

    /// <summary>A store in a SQLite file, whatever provider the run uses: for what only a file can do.</summary>
    public static TemporaryDatabase Sqlite() => new(TestStore.Sqlite());

    /// <summary>The bot's store and its health on <paramref name="store"/>, metered by <paramref name="services"/>.</summary>
    public static (BotDatabase Database, StoreHealth Health) StoreAt(TestStore store, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(store);
        var options = Options.Create(new StorageSettings { Provider = Enum.Parse<StorageProvider>(store.Provider), ConnectionString = store.ConnectionString });
        var health = new StoreHealth(options, services.GetRequiredService<IMeterFactory>(), NullLogger<StoreHealth>.Instance);
        return (new BotDatabase(health, NullLogger<BotDatabase>.Instance), health);
    }

    /// <summary>A metrics-only service provider for <see cref="StoreAt"/>.</summary>
    public static ServiceProvider Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider();

    /// <summary>Where the store is and the bot's settings for it.</summary>
    public TestStore Store { get; }

    /// <summary>The SQLite file (only for <see cref="Sqlite"/> stores, or a run on SQLite).</summary>
    public string Path => Store.FilePath ?? throw new InvalidOperationException("This test needs a SQLite file: use TemporaryDatabase.Sqlite().");

    public string ConnectionString => Store.ConnectionString;

    public BotDatabase Database { get; }

    /// <summary>The store's health as the bot's components see it.</summary>
    public StoreHealth Health { get; }

    /// <summary>The audit log on this store.</summary>
    public AuditLog NewAuditLog(ILogger<AuditLog>? logger = null) => new(Database, Health, logger ?? NullLogger<AuditLog>.Instance);

    public void Dispose()
    {
        _meters.Dispose();
        Store.Dispose();
    }
}
