using System.Diagnostics;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// Label Studio calls and bot CPU per watcher cycle, from outside only: 100 projects × 10 backends (frozen in the fake,
/// so no ML server is needed), each project watched with <c>/ml watch project:…</c> pushed through the gateway, a short
/// <c>Watch:Interval</c>, then the fake's requests and the process's CPU time counted over whole cycles. A cycle is a
/// burst of Label Studio calls followed by quiet.
/// </summary>
internal static class WatcherCost
{
    private const int Projects = 100;
    private const int BackendsPerProject = 10;
    // Cycles are told apart by the quiet between them: at least 0.9 × the interval (the watcher's jitter), far longer
    // than any gap inside a cycle's burst of calls.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    public static async Task MeasureAsync(Plan plan, Measurements results)
    {
        await using var stands = await Stands.StartAsync();
        var projects = new List<int>();
        for (var p = 0; p < Projects; p++)
        {
            var project = stands.LabelStudio.AddProject($"Watched {p}");
            projects.Add(project.Id);
            for (var b = 0; b < BackendsPerProject; b++)
                stands.LabelStudio.AddBackend(project.Id, new Uri($"http://127.0.0.1:9/model-{p}-{b}"), $"model-{p}-{b}").Frozen = true;
        }

        await using var bot = await BotUnderTest.StartAsync(stands, new Dictionary<string, string> { ["Watch:Interval"] = Interval.ToString("c") });
        await Suite.SettleAsync(stands);
        if (!DeclaresWatch(stands.Discord))
        {
            results.WatcherNote = "not measured: this build of the bot has no `/ml watch` (the watcher has not landed on main).";
            return;
        }

        using var driver = new InteractionDriver(stands.Discord);
        var (answers, _) = await driver.RunAsync(i => Watch(projects[i]), projects.Count, 10);
        if (answers.FirstOrDefault(a => a.Failure is not null) is { } failed)
            throw new InvalidOperationException($"/ml watch failed: {failed.Failure}\n{bot.Tail}");

        // The first cycles also compile the watcher's code; they are not counted.
        await QuietAsync(stands);
        await CyclesAsync(stands, plan.WatcherWarmUpCycles);
        var calls = stands.LabelStudio.Requests.Count;
        var cpu = bot.CpuMilliseconds;
        await CyclesAsync(stands, plan.WatcherCycles);

        results.WatcherCallsPerCycle = (stands.LabelStudio.Requests.Count - calls) / (double)plan.WatcherCycles;
        results.WatcherCpuMsPerCycle = (bot.CpuMilliseconds - cpu) / plan.WatcherCycles;
        results.WatcherNote = $"{Projects} projects × {BackendsPerProject} backends watched with `/ml watch project:…`, Watch:Interval {Interval.TotalSeconds:0} s, "
            + $"averaged over {plan.WatcherCycles} cycles after {plan.WatcherWarmUpCycles} uncounted one(s); CPU is the bot process's user + system time over whole intervals (idle time between cycles included).";
        Suite.Log($"watcher: {results.WatcherCallsPerCycle:0.#} Label Studio calls and {results.WatcherCpuMsPerCycle:0.0} ms CPU per cycle");
    }

    private static JsonObject Watch(int project) =>
        FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("watch", FakeInteractions.Option("project", project)));

    private static bool DeclaresWatch(FakeDiscord discord) =>
        discord.RegisteredCommands(discord.Options.GuildId).Concat(discord.RegisteredCommands())
            .SelectMany(c => c?["options"] as JsonArray ?? [])
            .Any(o => o?["name"]?.GetValue<string>() == "watch");

    /// <summary>Waits for <paramref name="count"/> bursts of calls, each followed by quiet.</summary>
    private static async Task CyclesAsync(Stands stands, int count)
    {
        for (var cycle = 0; cycle < count; cycle++)
        {
            var calls = stands.LabelStudio.Requests.Count;
            await FakeDiscord.WaitUntilAsync(() => stands.LabelStudio.Requests.Count > calls, Interval * 3, "a watcher cycle");
            await QuietAsync(stands);
        }
    }

    /// <summary>Waits until no Label Studio call arrived for <see cref="Quiet"/>: between two cycles.</summary>
    private static async Task QuietAsync(Stands stands)
    {
        var count = stands.LabelStudio.Requests.Count;
        var since = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(since) < Quiet)
        {
            await Task.Delay(20);
            var now = stands.LabelStudio.Requests.Count;
            if (now != count)
            {
                count = now;
                since = Stopwatch.GetTimestamp();
            }
        }
    }
}
