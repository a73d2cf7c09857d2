namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// One command at one concurrency: the bot and the minimal responder (<see cref="MinimalResponder"/>) in its own process
/// end to end, taking turns in the same phase with the same responder inside the bench process and the direct Label
/// Studio round trip; at concurrency 1 also the p50 of each step of their interactions (<see cref="InteractionSteps"/>).
/// </summary>
internal sealed record LatencyRow(
    string Command,
    int Concurrency,
    Percentiles Defer,
    Percentiles Final,
    Percentiles ResponderDefer,
    Percentiles ResponderFinal,
    Percentiles InBenchFinal,
    Percentiles Direct,
    int Errors,
    InteractionSteps? Steps,
    InteractionSteps? ResponderSteps,
    InteractionSteps? InBenchSteps)
{
    /// <summary>The budget figure: the bot's end-to-end p50 ÷ the minimal responder's, each a process of its own.</summary>
    public double RatioToResponderP50 => Final.P50 / ResponderFinal.P50;

    /// <summary>Context only: the bot's end-to-end p50 ÷ the minimal responder's inside the bench process.</summary>
    public double RatioToInBenchP50 => Final.P50 / InBenchFinal.P50;

    /// <summary>Context only: the bot's end-to-end p50 ÷ the direct Label Studio p50.</summary>
    public double RatioToDirectP50 => Final.P50 / Direct.P50;
}

/// <summary>
/// Interactions pushed at a fixed rate (open loop) to one responder: the rate the pushes kept, and the defer and final
/// latencies of those answered.
/// </summary>
internal sealed record FixedRateRow(string Who, int Pushed, double PerSecond, Percentiles Defer, Percentiles Final, int Errors);

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

    /// <summary>The bot, then the minimal responder, at <see cref="Plan.FixedRatePerSecond"/>.</summary>
    public List<FixedRateRow> FixedRate { get; } = [];

    /// <summary>The bot and a minimal discord.js bot given the same <c>/ml list</c> interactions in turn; empty when skipped.</summary>
    public List<SideBySideRow> SideBySide { get; } = [];

    /// <summary>What the side-by-side run compared, or why it was skipped.</summary>
    public string SideBySideNote { get; set; } = "";

    public double ThroughputPerSecond { get; set; }

    public int ThroughputErrors { get; set; }

    public double RssAfterStartMb { get; set; }

    public double RssAfter10kMb { get; set; }

    /// <summary>Of <see cref="RssAfter10kMb"/>: private memory, and pages mapped from files or shared memory.</summary>
    public (double Private, double Mapped) RssPartsAfter10kMb { get; set; }

    /// <summary>Of <see cref="RssAfter10kMb"/>: the binary's file pages, its data written at start, and the other files mapped.</summary>
    public (double BinaryFile, double BinaryData, double Libraries) RssByMappingAfter10kMb { get; set; }

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
