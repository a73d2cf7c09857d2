namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// One command at one concurrency: the bot end to end and the direct Label Studio round trip, in the same run; at
/// concurrency 1 also the p50 of each step of the bot's interactions (<see cref="InteractionSteps"/>).
/// </summary>
internal sealed record LatencyRow(string Command, int Concurrency, Percentiles Defer, Percentiles Final, Percentiles Direct, int Errors, InteractionSteps? Steps)
{
    public double RatioP50 => Final.P50 / Direct.P50;
}

/// <summary>
/// <see cref="MinimalResponder"/> at concurrency 1 for one command, in one <paramref name="Order"/>, and the direct
/// Label Studio round trip taken right after it.
/// </summary>
internal sealed record LowerBoundRow(string Order, string Command, Percentiles Final, Percentiles Direct, InteractionSteps? Steps)
{
    public double RatioP50 => Final.P50 / Direct.P50;
}

/// <summary>
/// The bot process's memory after <paramref name="Interactions"/>: RSS as Linux counts it, and from the bot's own
/// <c>/metrics</c> the managed heap as the last GC left it (all generations, garbage in the older ones included) and
/// the memory the GC has committed for it; with the GC's collections (all generations) and pause time so far.
/// </summary>
internal sealed record MemorySample(int Interactions, double RssMb, double GcHeapMb, double GcCommittedMb, double GcCollections, double GcPauseMs);

/// <summary>Everything a run measured; null where a measurement was not made (with the reason in a note).</summary>
internal sealed class Measurements
{
    public List<LatencyRow> Latency { get; } = [];

    public double DeferP99Ms { get; set; }

    /// <summary>
    /// The concurrency-1 row whose end-to-end p50 ÷ direct p50 is the highest: the budget holds for every command or
    /// not at all. (Pooling both commands' samples put both p50s in the gap between a fast get and a slow list, where
    /// they jumped from run to run.)
    /// </summary>
    public LatencyRow RatioRow => Latency.Where(r => r.Concurrency == 1).MaxBy(r => r.RatioP50)
        ?? throw new InvalidOperationException("No latency was measured at concurrency 1.");

    /// <summary>The minimal responder per order and command: the end-to-end ratio of a responder that does nothing else.</summary>
    public List<LowerBoundRow> LowerBound { get; } = [];

    public double ThroughputPerSecond { get; set; }

    public int ThroughputErrors { get; set; }

    public double RssAfterStartMb { get; set; }

    public double RssAfter10kMb { get; set; }

    /// <summary>Of <see cref="RssAfter10kMb"/>: private memory, and pages mapped from files or shared memory.</summary>
    public (double Private, double Mapped) RssPartsAfter10kMb { get; set; }

    public int ThreadsAfterStart { get; set; }

    public int ThreadsAfter10k { get; set; }

    /// <summary>Bot process CPU (user + system) per interaction over the throughput run.</summary>
    public double BotCpuMsPerInteraction { get; set; }

    /// <summary>
    /// CPU of this process per interaction over the same run: both fakes (FakeLabelStudio with its health checks of
    /// the fake ML servers) and the load generator, which share the machine's cores with the bot.
    /// </summary>
    public double StandsCpuMsPerInteraction { get; set; }

    public List<MemorySample> MemorySamples { get; } = [];

    /// <summary>Least-squares RSS growth from 5,000 to 10,000 interactions, in MiB.</summary>
    public double RssGrowth5kTo10kMb { get; set; }

    /// <summary>Of <see cref="RssGrowth5kTo10kMb"/>: the GC's committed memory, and the rest (RSS less GC committed: native heaps, stacks, mapped files).</summary>
    public (double GcCommitted, double OutsideGc) RssGrowthParts5kTo10kMb { get; set; }

    public double? HeapAfterStartMb { get; set; }

    public double? HeapAfterInteractionsMb { get; set; }

    public int HeapInteractions { get; set; }

    public double AllocListBytes { get; set; }

    public double AllocGetBytes { get; set; }

    public string AllocMethod { get; set; } = "";

    public double? WatcherCallsPerCycle { get; set; }

    public double? WatcherCpuMsPerCycle { get; set; }

    public string WatcherNote { get; set; } = "";

    public List<double> StartupMs { get; } = [];

    public List<string> Notes { get; } = [];
}
