using System.Diagnostics.Metrics;
using System.Diagnostics;
using LabelStudioMl.Bot.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Storage;

/// <summary>
/// Whether the store can be used, as the bot last found it: every store failure that is a fault of the disk or the
/// file (read-only, full, gone, damaged) is recorded here, counted (<c>bot.store.faults</c> by kind, and the gauge
/// <c>bot.store.healthy</c>) and logged once when it starts; readiness fails while one is recorded. A fault clears
/// when a write works again (<see cref="StoreWatchdog"/> tries one every <c>Storage:CheckInterval</c>), except that
/// a store that is gone stays gone: a file that reappears under the name is not the one the bot had.
/// </summary>
internal sealed partial class StoreHealth
{
    private readonly Lock _gate = new();
    private readonly IOptions<StorageSettings> _options;
    private readonly Lazy<StoreEngine> _engine;
    private readonly ILogger<StoreHealth> _logger;
    private readonly Counter<long> _faults;
    private StoreLock? _lock;
    private StoreFault? _current;
    private volatile bool _seen;

    public StoreHealth(IOptions<StorageSettings> options, IMeterFactory meters, ILogger<StoreHealth> logger)
    {
        // Read when first used, not when built: check builds the commands (and their stores) even while the
        // Storage settings are invalid, and reports those instead of failing here.
        _options = options;
        _engine = new Lazy<StoreEngine>(() => StoreEngine.For(options.Value));
        _logger = logger;
        var meter = meters.Create(BotTelemetry.MeterName);
        _faults = meter.CreateCounter<long>("bot.store.faults", "{fault}", "Store operations that failed for a fault of the disk or the file, by kind.");
        meter.CreateObservableGauge("bot.store.healthy", () => Current is null ? 1 : 0, "1", "1 while the store can be used, 0 while a fault is recorded.");
    }

    /// <summary>The database behind the store.</summary>
    public StorageProvider Provider => _options.Value.Provider;

    /// <summary>How the store's connections are opened and its statements written.</summary>
    internal StoreEngine Engine => _engine.Value;

    private string? FilePath => Engine.FilePath;

    /// <summary>The fault the bot last found, or null when the store works.</summary>
    public StoreFault? Current
    {
        get
        {
            lock (_gate)
                return _current;
        }
    }

    /// <summary>
    /// Takes the store's lock (<see cref="StoreLock.Acquire"/>; the caller holds it until the process ends) and from
    /// then on follows the file it holds: once that no longer has the store's name, the store is gone. Without the
    /// lock (the console), only a missing file is noticed. A PostgreSQL store has no file and no lock: bots share it.
    /// </summary>
    public StoreLock HoldLock()
    {
        var storeLock = Engine.HoldStore();
        lock (_gate)
            _lock = storeLock;
        return storeLock;
    }

    /// <summary>The store's fault when its file is gone (recorded the first time), else null. Cheap: one system call.</summary>
    public StoreFault? FileGone()
    {
        if (FilePath is null)
            return null;
        StoreLock? held;
        lock (_gate)
        {
            if (_current is { Kind: StoreFaultKind.Gone } gone)
                return gone;
            held = _lock;
        }

        // Without the lock, a file is gone once it was seen and is missing: before the first migration there is none.
        bool isGone;
        if (held is not null)
            isGone = held.Detached;
        else if (File.Exists(FilePath))
            isGone = !(_seen = true);
        else
            isGone = _seen;
        return isGone ? Record(StoreFaultKind.Gone, held?.ReadableCopy) : null;
    }

    /// <summary>The store fault behind <paramref name="exception"/>, recorded and counted; null when it is none.</summary>
    public StoreFault? Observe(Exception exception) =>
        StoreFault.KindOf(exception) is { } kind ? Record(kind, null) : null;

    /// <summary>
    /// The kind of store fault behind <paramref name="exception"/> at start, before anything is recorded: SQLite
    /// cannot even open a write-ahead-log store on a read-only disk (SQLITE_CANTOPEN), so a store whose folder refuses
    /// a new file is told as read-only.
    /// </summary>
    public StoreFaultKind? Diagnose(Exception exception) => StoreFault.KindOf(exception) switch
    {
        StoreFaultKind.Unreadable when FilePath is not null && File.Exists(FilePath) && !FolderTakesFiles(FilePath) => StoreFaultKind.ReadOnly,
        var kind => kind,
    };

    /// <summary>The store's path, "(in memory)", or its PostgreSQL server and database.</summary>
    public string Store => Engine.Name;

    private static bool FolderTakesFiles(string path)
    {
        var probe = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.probe-{Environment.ProcessId}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
                return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A write worked: any fault but a gone store is over.</summary>
    public void Recovered()
    {
        StoreFault? was;
        lock (_gate)
        {
            was = _current;
            if (was is null or { Kind: StoreFaultKind.Gone })
                return;
            _current = null;
        }

        LogRecovered(_logger, was.Problem);
    }

    private StoreFault Record(StoreFaultKind kind, string? readableCopy)
    {
        var fault = new StoreFault(kind, Store, Provider);
        _faults.Add(1, new TagList { { "kind", kind.ToString().ToLowerInvariant() } });
        lock (_gate)
        {
            if (_current is { Kind: StoreFaultKind.Gone } gone)
                return gone;
            if (_current == fault)
                return fault;
            _current = fault;
        }

        var rescue = readableCopy is null ? "" : $" Its data stays readable while this bot runs: cp {readableCopy} {FilePath} puts it back.";
        LogFault(_logger, fault.Problem, fault.Fix + rescue);
        return fault;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Store fault: {Problem}. {Fix}")]
    private static partial void LogFault(ILogger logger, string problem, string fix);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store works again; it was: {Problem}")]
    private static partial void LogRecovered(ILogger logger, string problem);
}
