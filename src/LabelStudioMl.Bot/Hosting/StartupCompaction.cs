using LabelStudioMl.Bot.Health;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// One full, compacting collection once the bot's transports first can take interactions. Start-up (configuration,
/// the service container, JSON metadata, the gateway handshake, command registration) leaves several MiB of objects
/// that outlive a few collections and then die in the oldest generation, where they stay until a full collection; a
/// bot under steady load may not need one for hours, and its memory keeps them until then (bench/README.md,
/// "Conserving memory"). The bot process does this (the run verb); an in-process host, in tests, does not.
/// </summary>
internal static partial class StartupCompaction
{
    /// <summary>How often the transports are asked whether start-up is done.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Waits until every transport can take interactions, then compacts the heap once; returns early when the bot stops.</summary>
    public static async Task RunAsync(IEnumerable<ITransportReadiness> transports, ILogger logger, CancellationToken stopping)
    {
        try
        {
            while (transports.Any(t => t.Problems().Any()))
                await Task.Delay(Poll, stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        LogCompacted(logger, before / Mebibyte, GC.GetGCMemoryInfo().TotalCommittedBytes / Mebibyte);
    }

    private const double Mebibyte = 1024 * 1024;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start-up done: the heap was compacted once, {Before:0.0} → {After:0.0} MiB committed")]
    private static partial void LogCompacted(ILogger logger, double before, double after);
}
