using System.Diagnostics.Metrics;
using System.Threading.Channels;
using LabelStudioMl.Bot.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// The queue between the running bot's log calls and standard output: a log call never waits for the console, so a
/// paused terminal or a stuck log shipper cannot stall the gateway session or a command. When the queue is full, new
/// events are dropped and counted (<c>bot.log.events.dropped</c> on <c>/metrics</c>). One task writes queued events
/// out and awaits the next: Serilog.Sinks.Async's thread waited in a blocking collection, which spins before it
/// sleeps, after every event (about 40 % of the bot's CPU at concurrency 1; bench/README.md, "Logging without spinning").
/// </summary>
internal sealed class ConsoleLogQueue
{
    /// <summary>Events held for the console at most; about 10 MiB at worst, and empty while the console keeps up.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<LogEvent> _events = Channel.CreateBounded<LogEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    public ConsoleLogQueue(IMeterFactory meters) =>
        meters.Create(BotTelemetry.MeterName).CreateObservableCounter(
            "bot.log.events.dropped", () => Dropped, "{event}", "Log events dropped because standard output was not read fast enough.");

    /// <summary>Events dropped since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Whether the console has caught up enough for a report of the drops to get through.</summary>
    public bool HasRoom => _events.Reader.Count < Capacity / 2;

    /// <summary>
    /// The sink the logger writes to: it queues each event for <paramref name="console"/>, which it owns from then on.
    /// Disposing it writes out what is queued (within a few seconds) and then disposes <paramref name="console"/>.
    /// </summary>
    public ILogEventSink Into(ILogEventSink console) => new Writer(this, console);

    private sealed class Writer : ILogEventSink, IDisposable
    {
        private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);
        private readonly ConsoleLogQueue _queue;
        private readonly ILogEventSink _console;
        private readonly Task _writing;

        public Writer(ConsoleLogQueue queue, ILogEventSink console)
        {
            (_queue, _console) = (queue, console);
            _writing = Task.Run(WriteAsync);
        }

        public void Emit(LogEvent logEvent)
        {
            if (!_queue._events.Writer.TryWrite(logEvent))
                Interlocked.Increment(ref _queue._dropped);
        }

        public void Dispose()
        {
            _queue._events.Writer.TryComplete();
            _writing.Wait(DrainLimit);
            (_console as IDisposable)?.Dispose();
        }

        private async Task WriteAsync()
        {
            var reader = _queue._events.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var logEvent))
                {
                    try
                    {
                        _console.Emit(logEvent);
                    }
                    catch (Exception e)
                    {
                        // One line the console refused (a closed pipe, say) must not end the writing of those after it.
                        SelfLog.WriteLine("The console log sink failed to write an event: {0}", e);
                    }
                }
            }
        }
    }
}

/// <summary>
/// Says in the log, once the console has caught up, how many log events were dropped while it did not, so a gap in the
/// log is never silent.
/// </summary>
internal sealed partial class LogDropReporter(ConsoleLogQueue queue, TimeProvider time, ILogger<LogDropReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long reported = 0;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var dropped = queue.Dropped;
                if (dropped <= reported || !queue.HasRoom)
                    continue;
                Dropped(dropped - reported, dropped);
                reported = dropped;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} log events were dropped because standard output was not read fast enough ({Total} since start); the bot went on working")]
    private partial void Dropped(long count, long total);
}
