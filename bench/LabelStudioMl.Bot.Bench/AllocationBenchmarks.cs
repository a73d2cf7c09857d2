using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LabelStudioMl.Bot.Bench;

/// <summary>Allocated bytes per interaction on <see cref="DispatchPath"/>, by BenchmarkDotNet's memory diagnoser.</summary>
[MemoryDiagnoser]
#pragma warning disable CA1515 // BenchmarkDotNet runs public benchmark classes only.
public class AllocationBenchmarks
#pragma warning restore CA1515
{
    private DispatchPath? _path;

    [GlobalSetup]
    public void Setup() => _path = DispatchPath.CreateAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _path?.Dispose();

    [Benchmark]
    public Task List() => _path!.RunAsync(list: true);

    [Benchmark]
    public Task Get() => _path!.RunAsync(list: false);

    /// <summary>Bytes per operation of each benchmark (List, Get), from a short in-process BenchmarkDotNet job.</summary>
    public static (double List, double Get) Measure(string artifacts)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(artifacts);
        var summary = BenchmarkRunner.Run<AllocationBenchmarks>(config);
        double Bytes(string method)
        {
            var report = summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
            return report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)
                ?? throw new InvalidOperationException($"BenchmarkDotNet measured no allocations for {method}.");
        }

        return (Bytes(nameof(List)), Bytes(nameof(Get)));
    }

    /// <summary>
    /// The quick variant: the same path, warmed up, then <paramref name="operations"/> operations each measured with
    /// <see cref="GC.GetTotalAllocatedBytes"/> (precise, whole process: nothing else runs meanwhile).
    /// </summary>
    public static async Task<(double List, double Get)> MeasureQuickAsync(int operations)
    {
        using var path = await DispatchPath.CreateAsync();
        async Task<double> Bytes(bool list)
        {
            for (var i = 0; i < 200; i++)
                await path.RunAsync(list);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < operations; i++)
                await path.RunAsync(list);
            return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)operations;
        }

        return (await Bytes(list: true), await Bytes(list: false));
    }
}
