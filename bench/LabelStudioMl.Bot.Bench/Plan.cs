namespace LabelStudioMl.Bot.Bench;

/// <summary>How much of each measurement a run does: the full suite, or <c>--quick</c> (same fields, fewer samples).</summary>
internal sealed record Plan(
    string Mode,
    int Warmup,
    int LatencySamplesAt1,
    int LatencySamplesAt50,
    int FixedRateInteractions,
    int MemoryInteractions,
    int MemoryChunk,
    int StartupRuns,
    int HeapInteractions,
    int QuickAllocationOperations,
    int WatcherWarmUpCycles,
    int WatcherCycles,
    int SideBySideWarmup,
    int SideBySideAt1,
    int SideBySideAtRate)
{
    public const int HighConcurrency = 50;

    /// <summary>The open-loop rate: interactions pushed per second whatever the bot answers.</summary>
    public const int FixedRatePerSecond = 100;

    /// <summary>The bot and the minimal responder take turns in this many rounds per command and concurrency.</summary>
    public const int Rounds = 4;

    public static Plan Full { get; } = new("full", 3000, 400, 2000, 3000, 10_000, 1000, 3, 10_000, 0, 2, 5, 300, 300, 2000);

    public static Plan Quick { get; } = new("quick", 300, 60, 200, 1000, 10_000, 1000, 1, 0, 500, 1, 1, 100, 60, 500);

    public bool UsesBenchmarkDotNet => QuickAllocationOperations == 0;
}
