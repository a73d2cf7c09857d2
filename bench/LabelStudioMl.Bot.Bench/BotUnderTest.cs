using System.Collections.Concurrent;
using System.Diagnostics;
using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// The real bot as it ships (the Native AOT binary of <see cref="NativeBot.PublishAsync"/>, see <see cref="Binary"/>)
/// as its own process against the stands (a <see cref="BotProcess"/>), with the probes the measurements read; killed
/// on dispose, whatever happened.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private static readonly (string Marker, string Name)[] Milestones =
        [(" starting; Label Studio at ", "host started (banner)"), ("Identifying a new gateway session", "IDENTIFY sent"), ("Gateway ready as ", "READY handled")];

    private const double Mebibyte = 1024 * 1024;

    private static readonly HttpClient Metrics = new();

    private static readonly string[] Generations = ["gen0", "gen1", "gen2", "loh", "poh"];

    private readonly BotProcess _bot;
    private readonly TestStore _database;
    private readonly ConcurrentQueue<string> _milestones;

    private BotUnderTest(BotProcess bot, TestStore database, ConcurrentQueue<string> milestones, double startupMs)
    {
        _bot = bot;
        _database = database;
        _milestones = milestones;
        StartupMs = startupMs;
    }

    /// <summary>The published bot binary every <see cref="StartAsync"/> runs; set once before the first start.</summary>
    public static string? Binary { get; set; }

    /// <summary>Milliseconds from starting the process to the fake gateway accepting its IDENTIFY and sending READY.</summary>
    public double StartupMs { get; }

    /// <summary>The bot's process, for probes from outside.</summary>
    public Process Process => _bot.Process;

    public double ResidentMegabytes => ProcessProbe.ResidentMegabytes(_bot.Process.Id);

    /// <summary>
    /// RSS, then from the bot's <c>/metrics</c> (.NET's <c>System.Runtime</c> meter) the managed heap after the last
    /// GC, the GC's committed memory (MiB), its collections and pause time so far.
    /// </summary>
    public async Task<MemorySample> MemoryAsync(int interactions)
    {
        var rss = ResidentMegabytes;
        var metrics = await Metrics.GetStringAsync(new Uri(HealthAddress, "/metrics"));
        double SumOverGenerations(string name) => Generations.Sum(generation => PrometheusText.Value(metrics, name, ("gc_heap_generation", generation)));
        return new MemorySample(
            interactions,
            rss,
            SumOverGenerations("dotnet_gc_last_collection_heap_size_bytes") / Mebibyte,
            PrometheusText.Value(metrics, "dotnet_gc_last_collection_memory_committed_size_bytes") / Mebibyte,
            SumOverGenerations("dotnet_gc_collections_total"),
            PrometheusText.Value(metrics, "dotnet_gc_pause_time_seconds_total") * 1000);
    }

    public (double Private, double Mapped) ResidentParts => ProcessProbe.ResidentParts(_bot.Process.Id);

    /// <summary>The binary's file pages, its data written at start, and the other files mapped (<see cref="ProcessProbe.ResidentByMapping"/>).</summary>
    public (double BinaryFile, double BinaryData, double Libraries) ResidentByMapping => ProcessProbe.ResidentByMapping(_bot.Process.Id, Binary!);

    public int Threads => ProcessProbe.Threads(_bot.Process.Id);

    public double CpuMilliseconds => ProcessProbe.CpuMilliseconds(_bot.Process);

    /// <summary>When the bot logged its start-up milestones (banner, identify, ready), in milliseconds from the process start.</summary>
    public string StartupTimeline => string.Join(", ", _milestones);

    /// <summary>The bot's SQLite store.</summary>
    public string DatabasePath => _database.FilePath!;

    /// <summary>Everything the bot printed so far.</summary>
    public string Output => _bot.Output;

    /// <summary>Where the bot serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
    public Uri HealthAddress => _bot.HealthAddress ?? throw new InvalidOperationException($"The bot never said where it serves /metrics:\n{Tail}");

    /// <summary>The last lines the bot printed, for failure messages.</summary>
    public string Tail => string.Join('\n', _bot.Output.Split('\n').TakeLast(40));

    public static async Task<BotUnderTest> StartAsync(Stands stands, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var binary = Binary ?? throw new InvalidOperationException("Publish the bot first (BotUnderTest.Binary).");
        var database = TestStore.Sqlite();
        var milestones = new ConcurrentQueue<string>();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.GetTimestamp();
        void Milestone(string line)
        {
            foreach (var (marker, name) in Milestones)
            {
                if (line.Contains(marker, StringComparison.Ordinal))
                    milestones.Enqueue($"{name} {Stopwatch.GetElapsedTime(clock).TotalMilliseconds:0} ms");
            }
        }

        try
        {
            var bot = await BotProcess.StartAsync(stands.Discord, stands.BotArguments(database, extraSettings), binary, Milestone);
            return new BotUnderTest(bot, database, milestones, (stands.Discord.IdentifiedAt[^1] - startedAt).TotalMilliseconds);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _bot.DisposeAsync();
        }
        finally
        {
            _database.Dispose();
        }
    }
}
