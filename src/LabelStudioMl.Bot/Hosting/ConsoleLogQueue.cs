using System.Diagnostics.Metrics;
using LabelStudioMl.Bot.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Sinks.Async;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// The queue between the running bot's log calls and standard output (Serilog's async wrapper): a log call never waits
/// for the console, so a paused terminal or a stuck log shipper cannot stall the gateway session or a command. When
/// the queue is full, new events are dropped and counted (<c>bot.log.events.dropped</c> on <c>/metrics</c>).
/// </summary>
internal sealed class ConsoleLogQueue : IAsyncLogEventSinkMonitor
{
    /// <summary>Events held for the console at most; about 10 MiB at worst, and empty while the console keeps up.</summary>
    public const int Capacity = 10_000;

    private volatile IAsyncLogEventSinkInspector? _inspector;

    public ConsoleLogQueue(IMeterFactory meters) =>
        meters.Create(BotTelemetry.MeterName).CreateObservableCounter(
            "bot.log.events.dropped", () => Dropped, "{event}", "Log events dropped because standard output was not read fast enough.");

    /// <summary>Events dropped since start.</summary>
    public long Dropped => _inspector?.DroppedMessagesCount ?? 0;

    /// <summary>Whether the console has caught up enough for a report of the drops to get through.</summary>
    public bool HasRoom => _inspector is { } inspector && inspector.Count < inspector.BufferSize / 2;

    public void StartMonitoring(IAsyncLogEventSinkInspector inspector) => _inspector = inspector;

    public void StopMonitoring(IAsyncLogEventSinkInspector inspector) => _inspector = null;
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
