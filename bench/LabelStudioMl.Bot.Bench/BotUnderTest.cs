using System.Collections.Concurrent;
using System.Diagnostics;
using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// The real bot as it ships (the Native AOT binary of <see cref="NativeBot.PublishAsync"/>, see <see cref="Binary"/>)
/// as its own process against the stands (a <see cref="RunningBot"/>), with the probes the measurements read; killed
/// on dispose, whatever happened.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private static readonly (string Marker, string Name)[] Milestones =
        [(" starting; Label Studio at ", "host started (banner)"), ("Identifying a new gateway session", "IDENTIFY sent"), ("Gateway ready as ", "READY handled")];

    private readonly RunningBot _bot;
    private readonly string _database;
    private readonly ConcurrentQueue<string> _milestones;

    private BotUnderTest(RunningBot bot, string database, ConcurrentQueue<string> milestones, double startupMs)
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

    public double ResidentMegabytes => ProcessProbe.ResidentMegabytes(_bot.Process.Id);

    public (double Private, double Mapped) ResidentParts => ProcessProbe.ResidentParts(_bot.Process.Id);

    public int Threads => ProcessProbe.Threads(_bot.Process.Id);

    public double CpuMilliseconds => ProcessProbe.CpuMilliseconds(_bot.Process);

    /// <summary>When the bot logged its start-up milestones (banner, identify, ready), in milliseconds from the process start.</summary>
    public string StartupTimeline => string.Join(", ", _milestones);

    /// <summary>The last lines the bot printed, for failure messages.</summary>
    public string Tail => string.Join('\n', _bot.Output.Split('\n').TakeLast(40));

    public static async Task<BotUnderTest> StartAsync(Stands stands, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var binary = Binary ?? throw new InvalidOperationException("Publish the bot first (BotUnderTest.Binary).");
        var database = Stands.NewDatabasePath();
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
            var bot = await RunningBot.StartAsync(stands.Discord, stands.BotArguments(database, extraSettings), binary, Milestone);
            return new BotUnderTest(bot, database, milestones, (stands.Discord.IdentifiedAt[^1] - startedAt).TotalMilliseconds);
        }
        catch
        {
            Stands.DeleteDatabase(database);
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
            Stands.DeleteDatabase(_database);
        }
    }
}
