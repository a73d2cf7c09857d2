using System.Collections.Concurrent;
using System.Diagnostics;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// The real bot as it ships (the Native AOT binary of <see cref="NativeBot.PublishAsync"/>, see <see cref="Binary"/>) as
/// its own process against the stands; killed on dispose, whatever happened.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _database;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly ConcurrentQueue<string> _milestones = new();
    private readonly long _startedAt;

    private BotUnderTest(Process process, string database, long startedAt)
    {
        _process = process;
        _startedAt = startedAt;
        _database = database;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The published bot binary every <see cref="StartAsync"/> runs; set once before the first start.</summary>
    public static string? Binary { get; set; }

    /// <summary>Milliseconds from starting the process to the fake gateway accepting its IDENTIFY and sending READY.</summary>
    public double StartupMs { get; private set; }

    public Process Process => _process;

    public double ResidentMegabytes => ProcessProbe.ResidentMegabytes(_process.Id);

    public (double Private, double Mapped) ResidentParts => ProcessProbe.ResidentParts(_process.Id);

    public int Threads => ProcessProbe.Threads(_process.Id);

    public double CpuMilliseconds => ProcessProbe.CpuMilliseconds(_process);

    /// <summary>When the bot logged its start-up milestones (banner, identify, ready), in milliseconds from the process start.</summary>
    public string StartupTimeline => string.Join(", ", _milestones);

    /// <summary>The last lines the bot printed, for failure messages.</summary>
    public string Tail => string.Join('\n', _tail);

    public static async Task<BotUnderTest> StartAsync(Stands stands, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var database = Stands.NewDatabasePath();
        var identified = stands.Discord.IdentifyCount;
        var startedAt = DateTimeOffset.UtcNow;
        var bot = new BotUnderTest(BotProcess.Start(stands.BotArguments(database, extraSettings), executable: Binary ?? throw new InvalidOperationException("Publish the bot first (BotUnderTest.Binary).")), database, Stopwatch.GetTimestamp());
        try
        {
            await FakeDiscord.WaitUntilAsync(
                () => bot._process.HasExited ? throw new InvalidOperationException($"The bot exited with {bot._process.ExitCode}:\n{bot.Tail}") : stands.Discord.HasLiveConnection && stands.Discord.IdentifyCount > identified,
                TimeSpan.FromSeconds(30),
                "the bot to reach READY");
            bot.StartupMs = (stands.Discord.IdentifiedAt[^1] - startedAt).TotalMilliseconds;
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
            Stands.DeleteDatabase(_database);
        }
    }

    private static readonly (string Marker, string Name)[] Milestones =
        [(" starting; Label Studio at ", "host started (banner)"), ("Identifying a new gateway session", "IDENTIFY sent"), ("Gateway ready as ", "READY handled")];

    private void Keep(string? line)
    {
        if (line is null)
            return;
        foreach (var (marker, name) in Milestones)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
                _milestones.Enqueue($"{name} {Stopwatch.GetElapsedTime(_startedAt).TotalMilliseconds:0} ms");
        }

        _tail.Enqueue(line);
        while (_tail.Count > 40)
            _tail.TryDequeue(out _);
    }
}
