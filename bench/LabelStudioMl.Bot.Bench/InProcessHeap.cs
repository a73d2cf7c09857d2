using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// The managed heap, which cannot be read from outside the bot process: the same host (<c>BotHost</c>, verb run) runs
/// inside this process against the same stands, and the heap after a full GC is taken less the heap of the stands
/// alone (their recordings are dropped before each reading). Logging runs at Warning so the console stays readable.
/// </summary>
internal static class InProcessHeap
{
    public static async Task MeasureAsync(Plan plan, Measurements results)
    {
        await using var stands = await Stands.StartAsync();
        using var database = TestStore.Sqlite();
        {
            var baseline = HeapMegabytes();
            var builder = BotHost.CreateBuilder(stands.BotArguments(database, new Dictionary<string, string> { ["Serilog:MinimumLevel:Default"] = "Warning" }), ProcessVerb.Run);
            using var host = builder.Build();
            await host.Services.GetRequiredService<BotDatabase>().MigrateAsync();
            await host.StartAsync();
            try
            {
                await FakeDiscord.WaitUntilAsync(() => stands.Discord.HasLiveConnection && stands.Discord.CommandOverwrites.Count > 0, TimeSpan.FromSeconds(20), "the in-process bot to start");
                await Task.Delay(TimeSpan.FromSeconds(1));
                stands.ForgetRecordings();
                results.HeapAfterStartMb = HeapMegabytes() - baseline;

                using var driver = new InteractionDriver(stands.Discord);
                for (var done = 0; done < plan.HeapInteractions; done += plan.MemoryChunk)
                {
                    await driver.RunAsync(i => i % 2 == 0 ? InteractionDriver.List() : InteractionDriver.Get(), plan.MemoryChunk, Plan.HighConcurrency);
                    stands.ForgetRecordings();
                }

                results.HeapAfterInteractionsMb = HeapMegabytes() - baseline;
                results.HeapInteractions = plan.HeapInteractions;
                Suite.Log($"managed heap (in-process host): {results.HeapAfterStartMb:0.0} MiB after start, {results.HeapAfterInteractionsMb:0.0} MiB after {plan.HeapInteractions} interactions");
            }
            finally
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await host.StopAsync(stop.Token);
            }
        }
    }


    private static double HeapMegabytes() => GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);
}
