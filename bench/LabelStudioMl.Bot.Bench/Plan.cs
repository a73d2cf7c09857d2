namespace LabelStudioMl.Bot.Bench;

/// <summary>How much of each measurement a run does: the full suite, or <c>--quick</c> (same fields, fewer samples).</summary>
internal sealed record Plan(
    string Mode,
    int Warmup,
    int LatencySamplesAt1,
    int LatencySamplesAt50,
    int MemoryInteractions,
    int MemoryChunk,
    int StartupRuns,
    int HeapInteractions,
    int QuickAllocationOperations,
    int WatcherWarmUpCycles,
    int WatcherCycles)
{
    public const int HighConcurrency = 50;

    public static Plan Full { get; } = new("full", 3000, 400, 2000, 10_000, 1000, 3, 10_000, 0, 2, 5);

    public static Plan Quick { get; } = new("quick", 300, 60, 200, 10_000, 1000, 1, 0, 500, 1, 1);

    public bool UsesBenchmarkDotNet => QuickAllocationOperations == 0;
}
