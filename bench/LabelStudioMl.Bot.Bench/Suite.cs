using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Bench;

/// <summary>The measurements against the real bot process; each comparison is taken within this one run.</summary>
internal sealed class Suite(Plan plan, Measurements results)
{
    public async Task RunBotProcessAsync()
    {
        await using var stands = await Stands.StartAsync(responderGateways: 2);
        await using (var responder = await ResponderProcess.StartAsync(stands.ResponderDiscords[0], stands.LabelStudio))
        await using (var inBench = await MinimalResponder.StartAsync(stands.ResponderDiscords[1], stands.LabelStudio))
        await using (var bot = await BotUnderTest.StartAsync(stands))
        {
            results.StartupMs.Add(bot.StartupMs);
            Log($"bot READY in {bot.StartupMs:0} ms");
            await SettleAsync(stands);
            results.Notes.Add($"Startup of the first bot process, as its log lines arrived: {bot.StartupTimeline}.");
            results.RssAfterStartMb = bot.ResidentMegabytes;
            results.ThreadsAfterStart = bot.Threads;

            using var driver = new InteractionDriver(stands.Discord, stands.LabelStudio);
            using var minimal = new InteractionDriver(stands.ResponderDiscords[0], stands.LabelStudio);
            using var minimalInBench = new InteractionDriver(stands.ResponderDiscords[1], stands.LabelStudio);
            using var direct = new DirectLabelStudio(stands.LabelStudio.BaseUrl, stands.LabelStudio.LegacyToken);
            var responders = new Responders(driver, minimal, minimalInBench, [responder, inBench]);
            await WarmUpAsync(stands, responders, direct);
            await LatencyAsync(stands, responders, direct);
            await FixedRateAsync(stands, ("bot", driver), ("minimal responder", minimal));
            CheckResponders(responders);
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

    /// <summary>
    /// Who answers the latency phases: the bot, the minimal responder in its own process (the budget's yardstick) and
    /// the same responder inside this process (context: what the bot's process of its own costs).
    /// </summary>
    private sealed record Responders(InteractionDriver Bot, InteractionDriver Minimal, InteractionDriver MinimalInBench, IReadOnlyList<IResponder> Checked);

    private async Task WarmUpAsync(Stands stands, Responders responders, DirectLabelStudio direct)
    {
        var driver = responders.Bot;
        // The first interactions of each kind also prove that the baseline asks Label Studio exactly what the bot asks.
        stands.LabelStudio.ClearRequests();
        await driver.RunAsync(_ => InteractionDriver.List(), 1, 1);
        await driver.RunAsync(_ => InteractionDriver.Get(), 1, 1);
        var botAsked = stands.LabelStudio.Requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.PathAndQuery} {r.Headers.GetValueOrDefault("Authorization")?.Split(' ')[0]}").ToList();
        var expected = new[] { $"GET {DirectLabelStudio.ListPath} Token", $"GET {DirectLabelStudio.GetPath} Token" };
        if (!botAsked.SequenceEqual(expected))
            throw new InvalidOperationException($"The bot asked Label Studio [{string.Join(", ", botAsked)}], the baseline asks [{string.Join(", ", expected)}].");
        results.Notes.Add($"Label Studio requests per interaction, bot, minimal responder and baseline alike: list `{expected[0]}`, get `{expected[1]}`.");

        foreach (var (who, warming) in new[] { ("bot", driver), ("minimal responder", responders.Minimal), ("minimal responder in the bench process", responders.MinimalInBench) })
        {
            var (warm, _) = await warming.RunAsync(Alternate, plan.Warmup, 10);
            if (warm.FirstOrDefault(s => s.Failure is not null) is { } failed)
                throw new InvalidOperationException($"Warm-up of the {who} failed: {failed.Failure}");
        }

        CheckResponders(responders);
        await direct.RunAsync(DirectLabelStudio.ListPath, plan.Warmup / 2, 10);
        await direct.RunAsync(DirectLabelStudio.GetPath, plan.Warmup / 2, 10);
        stands.ForgetRecordings();
    }

    /// <summary>
    /// Each command at concurrency 1 and 50: the bot, both minimal responders and the direct read take turns in
    /// <see cref="Plan.Rounds"/> rounds (who goes first rotates), so all of them see the stands equally warm.
    /// </summary>
    private async Task LatencyAsync(Stands stands, Responders responders, DirectLabelStudio direct)
    {
        var deferAt50 = new List<double>();
        foreach (var concurrency in new[] { 1, Plan.HighConcurrency })
        {
            var perRound = (concurrency == 1 ? plan.LatencySamplesAt1 : plan.LatencySamplesAt50) / Plan.Rounds;
            foreach (var (command, interaction, path) in Commands)
            {
                var (bot, answered, inBench, baseline) = (new List<InteractionSample>(), new List<InteractionSample>(), new List<InteractionSample>(), new List<double?>());
                var turns = new[] { (responders.Bot, bot), (responders.Minimal, answered), (responders.MinimalInBench, inBench) };
                for (var round = 0; round < Plan.Rounds; round++)
                {
                    foreach (var (who, into) in turns.Skip(round % turns.Length).Concat(turns.Take(round % turns.Length)))
                        into.AddRange((await who.RunAsync(_ => interaction(), perRound, concurrency)).Results);
                    baseline.AddRange((await direct.RunAsync(path, perRound, concurrency)).Results);
                }

                CheckResponders(responders);
                var errors = bot.Concat(answered).Concat(inBench).Count(s => s.Failure is not null) + baseline.Count(d => d is null) + RestErrors(stands);
                var atOne = concurrency == 1;
                var row = new LatencyRow(
                    command, concurrency,
                    DeferPercentiles(bot), FinalPercentiles(bot), DeferPercentiles(answered), FinalPercentiles(answered), FinalPercentiles(inBench),
                    Percentiles.Of(baseline.Where(d => d is not null).Select(d => d!.Value)),
                    errors,
                    atOne ? InteractionSteps.P50(bot) : null,
                    atOne ? InteractionSteps.P50(answered) : null,
                    atOne ? InteractionSteps.P50(inBench) : null);
                results.Latency.Add(row);
                Log($"{command} c={concurrency}: bot defer p50 {row.Defer.P50:0.0} p99 {row.Defer.P99:0.0} ms, final p50 {row.Final.P50:0.00} p99 {row.Final.P99:0.0} ms; minimal responder final p50 {row.ResponderFinal.P50:0.00} ms, ratio {row.RatioToResponderP50:0.00}; in the bench process {row.InBenchFinal.P50:0.00} ms, ratio {row.RatioToInBenchP50:0.00}; direct p50 {row.Direct.P50:0.00} ms; errors {errors}");
                if (concurrency == Plan.HighConcurrency)
                    deferAt50.AddRange(bot.Where(s => s.DeferMs is not null).Select(s => s.DeferMs!.Value));

                stands.ForgetRecordings();
            }
        }

        results.DeferP99Ms = Percentiles.Of(deferAt50).P99;
    }

    /// <summary>Open loop: list and get alternating at <see cref="Plan.FixedRatePerSecond"/>, to each responder in turn.</summary>
    private async Task FixedRateAsync(Stands stands, params (string Who, InteractionDriver Driver)[] responders)
    {
        foreach (var (who, driver) in responders)
        {
            var (samples, pushing) = await driver.RunAtRateAsync(Alternate, plan.FixedRateInteractions, Plan.FixedRatePerSecond);
            var row = new FixedRateRow(
                who, samples.Count, (samples.Count - 1) / pushing.TotalSeconds,
                DeferPercentiles(samples), FinalPercentiles(samples), samples.Count(s => s.Failure is not null) + RestErrors(stands));
            results.FixedRate.Add(row);
            Log($"{who} at {row.PerSecond:0.0}/s: defer p50 {row.Defer.P50:0.0} p99 {row.Defer.P99:0.0} ms; final p50 {row.Final.P50:0.0} p99 {row.Final.P99:0.0} ms; errors {row.Errors}");
            stands.ForgetRecordings();
        }
    }

    private static Percentiles DeferPercentiles(IEnumerable<InteractionSample> samples) =>
        Percentiles.Of(samples.Where(s => s.DeferMs is not null).Select(s => s.DeferMs!.Value));

    private static Percentiles FinalPercentiles(IEnumerable<InteractionSample> samples) =>
        Percentiles.Of(samples.Where(s => s.FinalMs is not null).Select(s => s.FinalMs!.Value));

    /// <summary>A minimal responder that failed voids every figure compared with it.</summary>
    private static void CheckResponders(Responders responders)
    {
        if (responders.Checked.Select(r => r.Failure).FirstOrDefault(f => f is not null) is { } failure)
            throw new InvalidOperationException($"A minimal responder failed: {failure}");
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
        results.RssByMappingAfter10kMb = bot.ResidentByMapping;
        var secondHalf = results.MemorySamples.Where(s => s.Interactions >= plan.MemoryInteractions / 2).ToList();
        double Growth(Func<MemorySample, double> measure) => Slope([.. secondHalf.Select(s => (s.Interactions, measure(s)))]) * (plan.MemoryInteractions / 2);
        results.RssGrowth5kTo10kMb = Growth(s => s.RssMb);
        results.RssGrowthParts5kTo10kMb = (Growth(s => s.GcCommittedMb), Growth(s => s.RssMb - s.GcCommittedMb));
        Log($"{done} interactions at c={Plan.HighConcurrency}: {results.ThroughputPerSecond:0}/s, {errors} errors; RSS {results.RssAfterStartMb:0.0} → {results.RssAfter10kMb:0.0} MiB (growth 5k→10k {results.RssGrowth5kTo10kMb:0.0}: GC committed {results.RssGrowthParts5kTo10kMb.GcCommitted:0.0}, rest {results.RssGrowthParts5kTo10kMb.OutsideGc:0.0}); threads {results.ThreadsAfterStart} → {results.ThreadsAfter10k}; CPU per interaction: bot {results.BotCpuMsPerInteraction:0.00} ms, fakes and load generator {results.StandsCpuMsPerInteraction:0.00} ms");
    }

    /// <summary>REST answers of 400 and above at any of the fake Discords since the last <see cref="Stands.ForgetRecordings"/> (429s included).</summary>
    private static int RestErrors(Stands stands) =>
        stands.Discord.Requests.Concat(stands.ResponderDiscords.SelectMany(d => d.Requests)).Count(r => r.Status >= 400);


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
