using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Bench;

/// <summary>The measurements against the real bot process; each comparison is taken within this one run.</summary>
internal sealed class Suite(Plan plan, Measurements results)
{
    public async Task RunBotProcessAsync()
    {
        await using var stands = await Stands.StartAsync();

        // The minimal responder runs first (the fake gateway serves one connection at a time), and its warm-up also
        // brings the stands' own code up to speed before the bot is measured against them.
        foreach (var overlapped in new[] { false, true })
            await LowerBoundAsync(stands, overlapped);

        await using (var bot = await BotUnderTest.StartAsync(stands))
        {
            results.StartupMs.Add(bot.StartupMs);
            Log($"bot READY in {bot.StartupMs:0} ms");
            await SettleAsync(stands);
            results.Notes.Add($"Startup of the first bot process, as its log lines arrived: {bot.StartupTimeline}.");
            results.RssAfterStartMb = bot.ResidentMegabytes;
            results.ThreadsAfterStart = bot.Threads;

            using var driver = new InteractionDriver(stands.Discord, stands.LabelStudio);
            using var direct = new DirectLabelStudio(stands.LabelStudio.BaseUrl, stands.LabelStudio.LegacyToken);
            await WarmUpAsync(stands, driver, direct);
            await LatencyAsync(stands, driver, direct);
            await ThroughputAndMemoryAsync(stands, driver, bot);
        }

        for (var i = 1; i < plan.StartupRuns; i++)
        {
            await using var again = await BotUnderTest.StartAsync(stands);
            results.StartupMs.Add(again.StartupMs);
            Log($"bot READY in {again.StartupMs:0} ms");
        }
    }

    public static void Log(string line) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>Waits for what the bot does once at start (command registration, the first catalog refresh) to pass.</summary>
    public static async Task SettleAsync(Stands stands)
    {
        await FakeDiscord.WaitUntilAsync(() => stands.Discord.CommandOverwrites.Count > 0, TimeSpan.FromSeconds(20), "the bot to register its commands");
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static readonly (string Command, Func<JsonObject> Interaction, string Path)[] Commands =
        [("list", InteractionDriver.List, DirectLabelStudio.ListPath), ("get", InteractionDriver.Get, DirectLabelStudio.GetPath)];

    private static JsonObject Alternate(int i) => i % 2 == 0 ? InteractionDriver.List() : InteractionDriver.Get();

    private async Task WarmUpAsync(Stands stands, InteractionDriver driver, DirectLabelStudio direct)
    {
        // The first interactions of each kind also prove that the baseline asks Label Studio exactly what the bot asks.
        stands.LabelStudio.ClearRequests();
        await driver.RunAsync(_ => InteractionDriver.List(), 1, 1);
        await driver.RunAsync(_ => InteractionDriver.Get(), 1, 1);
        var botAsked = stands.LabelStudio.Requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.PathAndQuery} {r.Headers.GetValueOrDefault("Authorization")?.Split(' ')[0]}").ToList();
        var expected = new[] { $"GET {DirectLabelStudio.ListPath} Token", $"GET {DirectLabelStudio.GetPath} Token" };
        if (!botAsked.SequenceEqual(expected))
            throw new InvalidOperationException($"The bot asked Label Studio [{string.Join(", ", botAsked)}], the baseline asks [{string.Join(", ", expected)}].");
        results.Notes.Add($"Label Studio requests per interaction, bot and baseline alike: list `{expected[0]}`, get `{expected[1]}`.");

        var (warm, _) = await driver.RunAsync(Alternate, plan.Warmup, 10);
        if (warm.Any(s => s.Failure is not null))
            throw new InvalidOperationException($"Warm-up failed: {warm.First(s => s.Failure is not null).Failure}");
        await direct.RunAsync(DirectLabelStudio.ListPath, plan.Warmup / 2, 10);
        await direct.RunAsync(DirectLabelStudio.GetPath, plan.Warmup / 2, 10);
        stands.ForgetRecordings();
    }

    private async Task LatencyAsync(Stands stands, InteractionDriver driver, DirectLabelStudio direct)
    {
        var deferAt50 = new List<double>();
        foreach (var concurrency in new[] { 1, Plan.HighConcurrency })
        {
            var count = concurrency == 1 ? plan.LatencySamplesAt1 : plan.LatencySamplesAt50;
            foreach (var (command, interaction, path) in Commands)
            {
                var (bot, _) = await driver.RunAsync(_ => interaction(), count, concurrency);
                var (baseline, _) = await direct.RunAsync(path, count, concurrency);
                var errors = bot.Count(s => s.Failure is not null) + baseline.Count(d => d is null) + RestErrors(stands);
                var row = new LatencyRow(
                    command, concurrency,
                    Percentiles.Of(bot.Where(s => s.DeferMs is not null).Select(s => s.DeferMs!.Value)),
                    Percentiles.Of(bot.Where(s => s.FinalMs is not null).Select(s => s.FinalMs!.Value)),
                    Percentiles.Of(baseline.Where(d => d is not null).Select(d => d!.Value)),
                    errors,
                    concurrency == 1 ? InteractionSteps.P50(bot) : null);
                results.Latency.Add(row);
                Log($"{command} c={concurrency}: defer p50 {row.Defer.P50:0.0} p99 {row.Defer.P99:0.0} ms; final p50 {row.Final.P50:0.0} p99 {row.Final.P99:0.0} ms; direct p50 {row.Direct.P50:0.0} ms; ratio {row.RatioP50:0.00}; errors {errors}");
                if (concurrency == Plan.HighConcurrency)
                    deferAt50.AddRange(bot.Where(s => s.DeferMs is not null).Select(s => s.DeferMs!.Value));

                stands.ForgetRecordings();
            }
        }

        results.DeferP99Ms = Percentiles.Of(deferAt50).P99;
    }

    /// <summary>
    /// The same concurrency-1 latency measurement, answered by <see cref="MinimalResponder"/> instead of the bot: how
    /// close to the direct round trip anything that defers, reads and edits can come on this machine.
    /// </summary>
    private async Task LowerBoundAsync(Stands stands, bool overlapped)
    {
        var order = MinimalResponder.Order(overlapped);
        await using var responder = await MinimalResponder.StartAsync(stands.Discord, stands.LabelStudio, overlapped);
        using var driver = new InteractionDriver(stands.Discord, stands.LabelStudio);
        using var direct = new DirectLabelStudio(stands.LabelStudio.BaseUrl, stands.LabelStudio.LegacyToken);
        var (warm, _) = await driver.RunAsync(Alternate, plan.Warmup, 10);
        stands.ForgetRecordings();
        foreach (var (command, interaction, path) in Commands)
        {
            var (answered, _) = await driver.RunAsync(_ => interaction(), plan.LatencySamplesAt1, 1);
            var (baseline, _) = await direct.RunAsync(path, plan.LatencySamplesAt1, 1);
            var failure = responder.Failure
                ?? warm.Concat(answered).Select(s => s.Failure).FirstOrDefault(f => f is not null)
                ?? (baseline.Contains(null) ? "a direct Label Studio read failed" : null);
            if (failure is not null)
                throw new InvalidOperationException($"The minimal responder ({order}) failed: {failure}");
            var row = new LowerBoundRow(order, command, Percentiles.Of(answered.Select(s => s.FinalMs!.Value)), Percentiles.Of(baseline.Select(d => d!.Value)), InteractionSteps.P50(answered));
            results.LowerBound.Add(row);
            Log($"minimal responder, {order}, {command} c=1: final p50 {row.Final.P50:0.00} ms; direct p50 {row.Direct.P50:0.00} ms; ratio {row.RatioP50:0.00}");
            stands.ForgetRecordings();
        }
    }

    private async Task ThroughputAndMemoryAsync(Stands stands, InteractionDriver driver, BotUnderTest bot)
    {
        var done = 0;
        var elapsed = TimeSpan.Zero;
        var errors = 0;
        results.MemorySamples.Add(await bot.MemoryAsync(0));
        var cpuBefore = bot.CpuMilliseconds;
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var standsCpuBefore = ProcessProbe.CpuMilliseconds(self);
        while (done < plan.MemoryInteractions)
        {
            var (samples, took) = await driver.RunAsync(Alternate, plan.MemoryChunk, Plan.HighConcurrency);
            done += samples.Count;
            elapsed += took;
            errors += samples.Count(s => s.Failure is not null) + RestErrors(stands);
            stands.ForgetRecordings();
            results.MemorySamples.Add(await bot.MemoryAsync(done));
        }

        results.BotCpuMsPerInteraction = (bot.CpuMilliseconds - cpuBefore) / done;
        results.StandsCpuMsPerInteraction = (ProcessProbe.CpuMilliseconds(self) - standsCpuBefore) / done;
        results.ThreadsAfter10k = bot.Threads;
        results.ThroughputPerSecond = (done - errors) / elapsed.TotalSeconds;
        results.ThroughputErrors = errors;
        results.RssAfter10kMb = results.MemorySamples[^1].RssMb;
        results.RssPartsAfter10kMb = bot.ResidentParts;
        var secondHalf = results.MemorySamples.Where(s => s.Interactions >= plan.MemoryInteractions / 2).ToList();
        double Growth(Func<MemorySample, double> measure) => Slope([.. secondHalf.Select(s => (s.Interactions, measure(s)))]) * (plan.MemoryInteractions / 2);
        results.RssGrowth5kTo10kMb = Growth(s => s.RssMb);
        results.RssGrowthParts5kTo10kMb = (Growth(s => s.GcCommittedMb), Growth(s => s.RssMb - s.GcCommittedMb));
        Log($"{done} interactions at c={Plan.HighConcurrency}: {results.ThroughputPerSecond:0}/s, {errors} errors; RSS {results.RssAfterStartMb:0.0} → {results.RssAfter10kMb:0.0} MiB (growth 5k→10k {results.RssGrowth5kTo10kMb:0.0}: GC committed {results.RssGrowthParts5kTo10kMb.GcCommitted:0.0}, rest {results.RssGrowthParts5kTo10kMb.OutsideGc:0.0}); threads {results.ThreadsAfterStart} → {results.ThreadsAfter10k}; CPU per interaction: bot {results.BotCpuMsPerInteraction:0.00} ms, fakes and load generator {results.StandsCpuMsPerInteraction:0.00} ms");
    }

    /// <summary>REST answers of 400 and above since the last <see cref="Stands.ForgetRecordings"/> (429s included).</summary>
    private static int RestErrors(Stands stands) => stands.Discord.Requests.Count(r => r.Status >= 400);


    /// <summary>Least-squares slope of MiB per interaction.</summary>
    private static double Slope(IReadOnlyList<(int X, double Y)> points)
    {
        var meanX = points.Average(p => (double)p.X);
        var meanY = points.Average(p => p.Y);
        var covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }
}
