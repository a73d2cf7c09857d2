using System.Diagnostics;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// One bot's share of the side-by-side run under one load: interactions pushed, those whose deferral Discord accepted
/// (within its 3 s) and those answered with the <c>@original</c> edit, with their latencies (null when none), and the
/// bot process's peak RSS (<c>VmHWM</c>) and CPU (user + system) over this load.
/// </summary>
internal sealed record SideBySideRow(string Bot, string Load, int Pushed, int Acked, int Finished, Percentiles? Ack, Percentiles? Final, double PeakRssMb, double CpuMs);

/// <summary>
/// The bot and a minimal discord.js 14 bot (<see cref="DiscordJsBot"/>) given the same <c>/ml list project:1</c>
/// interactions in turn, each as a fresh process against the same stands: a warm-up, then one at a time, then
/// <see cref="Plan.FixedRatePerSecond"/> pushed whatever the answers.
/// </summary>
internal static class SideBySide
{
    public static async Task MeasureAsync(Plan plan, Measurements results)
    {
        if (DiscordJsBot.Missing() is { } skipped)
        {
            results.SideBySideNote = skipped;
            Suite.Log($"side by side: {skipped}");
            return;
        }

        var version = await DiscordJsBot.InstallAsync();
        await using var stands = await Stands.StartAsync();
        await using (var bot = await BotUnderTest.StartAsync(stands))
        {
            await Suite.SettleAsync(stands);
            await MeasureBotAsync(plan, results, stands, "LabelStudioMl.Bot (Native AOT)", bot.Process);
        }

        await using (var discordJs = await DiscordJsBot.StartAsync(stands))
            await MeasureBotAsync(plan, results, stands, $"discord.js {version} (node {NodeVersion()})", discordJs.Process);

        results.SideBySideNote = $"`/ml list project:1` only; each bot a fresh process against the same stands, the bot first; {plan.SideBySideWarmup} warm-up interactions (concurrency 10, not counted), then {plan.SideBySideAt1} at concurrency 1, then {plan.SideBySideAtRate} pushed at {Plan.FixedRatePerSecond}/s. discord.js with its defaults except the REST base (bench/discordjs/bot.js).";
    }

    private static async Task MeasureBotAsync(Plan plan, Measurements results, Stands stands, string name, Process process)
    {
        using var driver = new InteractionDriver(stands.Discord);
        await driver.RunAsync(_ => InteractionDriver.List(), plan.SideBySideWarmup, 10);
        stands.ForgetRecordings();
        var loads = new (string Load, Func<Task<(IReadOnlyList<InteractionSample> Results, TimeSpan Elapsed)>> Run)[]
        {
            ("concurrency 1", () => driver.RunAsync(_ => InteractionDriver.List(), plan.SideBySideAt1, 1)),
            ($"{Plan.FixedRatePerSecond}/s", () => driver.RunAtRateAsync(_ => InteractionDriver.List(), plan.SideBySideAtRate, Plan.FixedRatePerSecond)),
        };
        foreach (var (load, run) in loads)
        {
            var cpuBefore = ProcessProbe.CpuMilliseconds(process);
            var (samples, _) = await run();
            var acked = samples.Where(s => s.DeferMs is not null).Select(s => s.DeferMs!.Value).ToList();
            var finished = samples.Where(s => s.FinalMs is not null).Select(s => s.FinalMs!.Value).ToList();
            var row = new SideBySideRow(
                name, load, samples.Count, acked.Count, finished.Count,
                acked.Count > 0 ? Percentiles.Of(acked) : null,
                finished.Count > 0 ? Percentiles.Of(finished) : null,
                ProcessProbe.PeakResidentMegabytes(process.Id),
                ProcessProbe.CpuMilliseconds(process) - cpuBefore);
            results.SideBySide.Add(row);
            Suite.Log($"side by side, {name}, {load}: acked {row.Acked}/{row.Pushed}, finished {row.Finished}; ack p50 {row.Ack?.P50:0.0} p99 {row.Ack?.P99:0.0} ms; final p50 {row.Final?.P50:0.0} p99 {row.Final?.P99:0.0} ms; peak RSS {row.PeakRssMb:0.0} MiB; CPU {row.CpuMs:0} ms");
            stands.ForgetRecordings();
        }
    }

    private static string NodeVersion()
    {
        using var node = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("node could not be started.");
        var version = node.StandardOutput.ReadToEnd().Trim();
        node.WaitForExit();
        return version;
    }
}
