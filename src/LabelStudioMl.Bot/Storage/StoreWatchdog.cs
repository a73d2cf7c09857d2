using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Storage;

/// <summary>
/// Writes the store's probe row every <c>Storage:CheckInterval</c>, so a read-only, full or deleted store is found
/// (and readiness fails) while no command or notification writes, and a fault clears once the disk is usable again.
/// </summary>
internal sealed class StoreWatchdog(BotDatabase database, IOptions<StorageSettings> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await database.ProbeAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
