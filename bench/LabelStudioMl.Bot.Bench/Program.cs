using LabelStudioMl.Bot.Bench;

// dotnet run -c Release --project bench/LabelStudioMl.Bot.Bench -- [--quick | --faults | --replicas [--quick]]
// Writes bench/results/latest.json and the table between the bench markers of README.md (section "Performance");
// --faults writes bench/results/faults.json and the table between the faults markers (section "Reliability");
// --replicas writes bench/results/replicas.json and the table between the replicas markers of bench/README.md.
// --minimal-responder is the bench's own child process (ResponderProcess), started by the run above.
if (args is ["--minimal-responder"])
    return await MinimalResponder.RunAsProcessAsync();

var unknown = args.Where(a => a is not ("--quick" or "--faults" or "--replicas")).ToList();
if (unknown.Count > 0 || args.Length > 2 || (args.Length == 2 && !(args.Contains("--replicas") && args.Contains("--quick"))))
{
    await Console.Error.WriteLineAsync($"Unknown or too many arguments: {string.Join(' ', args)}. Usage: dotnet run -c Release --project bench/LabelStudioMl.Bot.Bench -- [--quick | --faults | --replicas [--quick]]");
    return 2;
}

var plan = args.Contains("--quick") ? Plan.Quick : Plan.Full;
#if DEBUG
await Console.Error.WriteLineAsync("Run the benchmarks from a Release build: dotnet run -c Release --project bench/LabelStudioMl.Bot.Bench");
return 2;
#else
var loadBefore = ProcessProbe.LoadAverage();
var results = new Measurements();
Suite.Log($"{plan.Mode} run, load average {string.Join(' ', loadBefore)}; publishing the bot as it ships (Native AOT, linux-x64)");
var published = System.Diagnostics.Stopwatch.StartNew();
BotUnderTest.Binary = await LabelStudioMl.Bot.Testing.NativeBot.PublishAsync(Path.Combine(Path.GetTempPath(), "lsml-bench-native"));
Suite.Log($"published {BotUnderTest.Binary} in {published.Elapsed.TotalSeconds:0} s");
var folder = Path.Combine(LabelStudioMl.Bot.Testing.RepositoryPaths.Root, "bench", "results");
Directory.CreateDirectory(folder);
var readme = Path.Combine(LabelStudioMl.Bot.Testing.RepositoryPaths.Root, "README.md");
if (args.Contains("--replicas"))
{
    var (rows, takeovers) = await ReplicaRun.RunAsync(plan);
    var replicaTable = ReplicaRun.Markdown(rows, takeovers, loadBefore);
    await File.WriteAllTextAsync(Path.Combine(folder, "replicas.json"), Report.Serialize(ReplicaRun.Json(rows, takeovers, loadBefore)));
    var replicasReadme = Path.Combine(LabelStudioMl.Bot.Testing.RepositoryPaths.Root, "bench", "README.md");
    await File.WriteAllTextAsync(replicasReadme, Report.WithTable(await File.ReadAllTextAsync(replicasReadme), replicaTable, "replicas", "Replicas: HTTP mode on PostgreSQL"));
    Console.WriteLine(replicaTable);
    return 0;
}

if (args.Contains("--faults"))
{
    var faults = await FaultRun.RunAsync();
    var faultTable = Report.FaultsMarkdown(faults, loadBefore);
    await File.WriteAllTextAsync(Path.Combine(folder, "faults.json"), Report.Serialize(Report.FaultsJson(faults, loadBefore)));
    await File.WriteAllTextAsync(readme, Report.WithTable(await File.ReadAllTextAsync(readme), faultTable, "faults", "Reliability"));
    Console.WriteLine(faultTable);
    return 0;
}

results.Notes.Add("The bot under test is the Native AOT binary `dotnet publish src/LabelStudioMl.Bot -c Release -r linux-x64` makes (what deploy/ ships); the in-process measurements (allocations, managed heap) run the same code on the JIT.");
await new Suite(plan, results).RunBotProcessAsync();
await WatcherCost.MeasureAsync(plan, results);
if (plan.HeapInteractions > 0)
    await InProcessHeap.MeasureAsync(plan, results);
else
    results.Notes.Add("Live managed heap (after a full GC): measured only by the full run, in an in-process host; the bot process's /metrics gives the heap as its last collection left it.");

await SideBySide.MeasureAsync(plan, results);
if (plan.UsesBenchmarkDotNet)
{
    (results.AllocListBytes, results.AllocGetBytes) = AllocationBenchmarks.Measure(Path.Combine(Path.GetTempPath(), "lsml-bench-artifacts"));
    results.AllocMethod = "BenchmarkDotNet 0.15.8 memory diagnoser, in-process ShortRun job, over gateway message parse → dispatch handler → dispatcher → command → Label Studio client → presenter → Discord REST client, HTTP answered from memory (an edit with the whole message, as Discord echoes it)";
}
else
{
    (results.AllocListBytes, results.AllocGetBytes) = await AllocationBenchmarks.MeasureQuickAsync(plan.QuickAllocationOperations);
    results.AllocMethod = $"quick: GC.GetTotalAllocatedBytes over {plan.QuickAllocationOperations} warmed operations of the same in-process path BenchmarkDotNet measures in the full run";
}

var loadAfter = ProcessProbe.LoadAverage();
var json = Report.Json(plan, results, loadBefore, loadAfter);
var table = Report.Markdown(plan, results, loadBefore, loadAfter);
await File.WriteAllTextAsync(Path.Combine(folder, "latest.json"), Report.Serialize(json));
await File.WriteAllTextAsync(readme, Report.WithTable(await File.ReadAllTextAsync(readme), table));
var benchReadme = Path.Combine(LabelStudioMl.Bot.Testing.RepositoryPaths.Root, "bench", "README.md");
var sideBySide = Report.SideBySideMarkdown(plan, results, loadBefore);
await File.WriteAllTextAsync(benchReadme, Report.WithTable(await File.ReadAllTextAsync(benchReadme), sideBySide, "sidebyside", "Side by side with discord.js"));
Console.WriteLine(table);
Console.WriteLine(sideBySide);
return 0;
#endif
