using System.Diagnostics.Metrics;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// The console's stand-in for a Discord channel, so <c>watch</c>, its alerts and <c>snooze</c> can be tried without
/// Discord: the same watcher as the running bot's polls what the console watches, and every post it would make in a
/// channel prints on the console instead. Its watches live in a store of their own, in memory, for as long as the
/// console runs: a console on the running bot's store never takes the bot's watches, its baselines or its posts.
/// </summary>
internal sealed partial class ConsoleChannel : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnection _keeper;
    private readonly BotDatabase _database;
    private readonly NotificationOutbox _outbox;
    private readonly BackendStateWatcher _watcher;
    private readonly ILogger<ConsoleChannel> _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _printer;
    private bool _closed;

    public ConsoleChannel(
        IOptions<WatchSettings> watch, LabelStudioClient labelStudio, WatchMessages messages, TimeProvider time, IMeterFactory meters, ILoggerFactory loggers)
    {
        // A named in-memory database lives while one connection to it is open: the keeper holds it for the session.
        var storage = Options.Create(new StorageSettings { ConnectionString = $"Data Source=lsml-console-channel-{Guid.NewGuid():N};Mode=Memory;Cache=Shared" });
        _keeper = new SqliteConnection(storage.Value.ConnectionString);
        _database = new BotDatabase(new StoreHealth(storage, meters, loggers.CreateLogger<StoreHealth>()), loggers.CreateLogger<BotDatabase>());
        var database = _database;
        Watches = new WatchStore(database, time);
        _outbox = new NotificationOutbox(database, time, new ConsolePostFormat(time), new Replica());
        _watcher = new BackendStateWatcher(Watches, database, labelStudio, _outbox, messages, watch, time, loggers.CreateLogger<BackendStateWatcher>());
        _logger = loggers.CreateLogger<ConsoleChannel>();
    }

    /// <summary>What the console watches; the watch commands use it on the console.</summary>
    public WatchStore Watches { get; }

    /// <summary>Opens the channel: its store, the watcher, and the printing of its posts on <paramref name="output"/>.</summary>
    public async Task OpenAsync(ConsoleOutput output, CancellationToken cancellationToken)
    {
        await _keeper.OpenAsync(cancellationToken);
        await _database.MigrateAsync(cancellationToken);
        await _watcher.StartAsync(cancellationToken);
        _printer = PrintAsync(output, _stop.Token);
    }

    /// <summary>How many targets the console watches now.</summary>
    public async Task<int> WatchCountAsync(CancellationToken cancellationToken) => (await Watches.ActiveSubscriptionsAsync(cancellationToken)).Count;

    /// <summary>Stops the watcher and the printing; the console's watches end with it.</summary>
    public async Task CloseAsync()
    {
        if (_closed)
            return;
        _closed = true;
        await _stop.CancelAsync();
        await _watcher.StopAsync(CancellationToken.None);
        if (_printer is not null)
            await _printer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        CloseAsync().GetAwaiter().GetResult();
        _watcher.Dispose();
        _outbox.Dispose();
        _stop.Dispose();
        _keeper.Dispose();
    }

    private async Task PrintAsync(ConsoleOutput output, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _outbox.WaitAsync(Poll, stopping);
                foreach (var post in await _outbox.DueAsync(100, text => text, (id, e) => LogUnreadable(e, id), stopping))
                {
                    output.PrintPost(post.Message);
                    await _outbox.RemoveAsync(post.Id, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Printing must never end the session; the next round tries again.
                LogPrintFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A post of the console's channel (outbox row {Id}) could not be read and was dropped")]
    private partial void LogUnreadable(Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The console's channel could not print its posts; trying again")]
    private partial void LogPrintFailed(Exception exception);
}
