using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Bench;

/// <summary>One configuration's throughput: interactions per second and the final answer's percentiles (ms).</summary>
internal sealed record ReplicaRow(string Mode, int Processes, string Store, int Interactions, int Concurrency, double PerSecond, Percentiles Final, int Failed);

/// <summary>
/// Issue 20's benchmark: the Native AOT bot in HTTP mode on one PostgreSQL store with 1 and 3 replicas (requests spread
/// round robin, as a load balancer does), the gateway mode and the HTTP mode of one process on SQLite beside them (the
/// transport's cost apart from the store's), all on this machine and
/// its 2 cores, and the cost of one leader takeover: seconds from the leader's SIGKILL to another replica leading
/// (running the outbox sender), with the default <c>Leader:TakeoverTimeout</c> of 15 s. The PostgreSQL server is
/// <c>LSML_TEST_POSTGRES</c>'s or a throwaway cluster from <c>.ci/postgres</c>.
/// </summary>
internal static class ReplicaRun
{
    private const int Takeovers = 3;

    public static async Task<(IReadOnlyList<ReplicaRow> Rows, IReadOnlyList<double> TakeoverSeconds)> RunAsync(Plan plan)
    {
        await using var server = await PostgresServer.StartAsync();
        var interactions = plan.Mode == "quick" ? 300 : 2000;
        var rows = new List<ReplicaRow>
        {
            await GatewayAsync(interactions, Plan.HighConcurrency),
            await HttpAsync(() => TestStore.Sqlite(), 1, interactions, Plan.HighConcurrency),
            await HttpAsync(() => TestStore.Postgres(server.ConnectionString), 1, interactions, Plan.HighConcurrency),
            await HttpAsync(() => TestStore.Postgres(server.ConnectionString), 3, interactions, Plan.HighConcurrency),
        };
        var takeovers = new List<double>();
        for (var i = 0; i < Takeovers; i++)
            takeovers.Add(await TakeoverAsync(server.ConnectionString));
        return (rows, takeovers);
    }

    private static async Task<ReplicaRow> GatewayAsync(int interactions, int concurrency)
    {
        await using var stands = await Stands.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(stands);
        var row = await DriveAsync("gateway", 1, "SQLite", stands.Discord, interactions, concurrency, _ => stands.Discord.PushInteractionAsync(InteractionDriver.Get()));
        Suite.Log($"replicas: gateway, 1 process: {row.PerSecond:0}/s, final p99 {row.Final.P99:0.0} ms");
        return row;
    }

    private static async Task<ReplicaRow> HttpAsync(Func<TestStore> newStore, int processes, int interactions, int concurrency)
    {
        await using var stands = await Stands.StartAsync();
        using var store = newStore();
        var replicas = await StartReplicasAsync(stands, store, processes);
        try
        {
            var row = await DriveAsync("http", processes, store.IsPostgres ? "PostgreSQL" : "SQLite", stands.Discord, interactions, concurrency, async i =>
                (await stands.Discord.DeliverInteractionAsync(replicas[i % replicas.Count].Endpoint, InteractionDriver.Get())).InteractionId);
            Suite.Log($"replicas: http, {processes} process(es) on {row.Store}: {row.PerSecond:0}/s, final p99 {row.Final.P99:0.0} ms");
            return row;
        }
        finally
        {
            foreach (var replica in replicas)
                await replica.Bot.DisposeAsync();
        }
    }

    /// <summary>Seconds from the leader's SIGKILL until the other replica of two says it leads.</summary>
    private static async Task<double> TakeoverAsync(string server)
    {
        await using var stands = await Stands.StartAsync();
        using var store = TestStore.Postgres(server);
        var replicas = await StartReplicasAsync(stands, store, 2);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var leader = -1;
            while (leader < 0)
            {
                for (var i = 0; i < replicas.Count && leader < 0; i++)
                    leader = await LeadsAsync(http, replicas[i]) ? i : -1;
                await Task.Delay(50);
            }

            var killed = Stopwatch.GetTimestamp();
            await replicas[leader].Bot.KillAsync();
            var other = replicas[1 - leader];
            while (!await LeadsAsync(http, other))
            {
                if (Stopwatch.GetElapsedTime(killed) > TimeSpan.FromMinutes(1))
                    throw new TimeoutException("No replica took over within a minute.");
                await Task.Delay(20);
            }

            var seconds = Stopwatch.GetElapsedTime(killed).TotalSeconds;
            Suite.Log($"replicas: leader takeover after {seconds:0.00} s");
            return seconds;
        }
        finally
        {
            foreach (var replica in replicas)
                await replica.Bot.DisposeAsync();
        }
    }

    private static async Task<bool> LeadsAsync(HttpClient http, Replica replica) =>
        PrometheusText.Value(await http.GetStringAsync(new Uri(replica.Bot.HealthAddress!, "/metrics")), "bot_leader") == 1;

    private static async Task<List<Replica>> StartReplicasAsync(Stands stands, TestStore store, int count)
    {
        var ports = Enumerable.Range(0, count).Select(_ => FreePort.Find()).ToList();
        var bots = await Task.WhenAll(ports.Select(port => BotProcess.StartReadyAsync(stands.BotArguments(store, new Dictionary<string, string>
        {
            ["Discord:Interactions:Mode"] = "Http",
            ["Discord:Interactions:Url"] = $"http://127.0.0.1:{port}/interactions",
            ["Discord:PublicKey"] = stands.Discord.PublicKey,
            ["Serilog:MinimumLevel:Default"] = "Information",
        }), BotUnderTest.Binary)));
        return [.. bots.Zip(ports, (bot, port) => new Replica(bot, new Uri($"http://127.0.0.1:{port}/interactions")))];
    }

    /// <summary>Sends <paramref name="count"/> interactions, <paramref name="concurrency"/> at a time, and times each one's final answer.</summary>
    private static async Task<ReplicaRow> DriveAsync(
        string mode, int processes, string store, FakeDiscord discord, int count, int concurrency, Func<int, Task<string>> send)
    {
        for (var i = 0; i < Math.Min(count, 20); i++)
            await discord.AnswerAsync(await send(i)); // warm-up: JIT-free binary, but connections and caches
        var finals = new double[count];
        var failed = 0;
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await discord.AnswerAsync(await send(i));
                finals[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            catch (Exception e) when (e is TimeoutException or HttpRequestException or InvalidOperationException)
            {
                Interlocked.Increment(ref failed);
                finals[i] = double.NaN;
            }
        });
        wall.Stop();
        return new ReplicaRow(mode, processes, store, count, concurrency, count / wall.Elapsed.TotalSeconds, Percentiles.Of(finals.Where(f => !double.IsNaN(f))), failed);
    }

    public static string Markdown(IReadOnlyList<ReplicaRow> rows, IReadOnlyList<double> takeovers, double[] loadBefore)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on this machine (2 cores shared by the bots, PostgreSQL, the stand-ins and the driver; load average before: {string.Join(' ', loadBefore)}). `/ml get`, {rows[0].Concurrency} at a time, final answer = request sent → `@original` edit accepted by FakeDiscord.");
        text.AppendLine();
        text.AppendLine("| mode | processes | store | interactions | interactions/s | final p50 ms | final p99 ms | failed |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Mode} | {r.Processes} | {r.Store} | {r.Interactions} | {r.PerSecond:0} | {r.Final.P50:0.0} | {r.Final.P99:0.0} | {r.Failed} |");
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Leader takeover (SIGKILL of the leader → the other replica leads and sends; `Leader:TakeoverTimeout` 15 s, tries every 5 s): {string.Join(", ", takeovers.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s.");
        return text.ToString();
    }

    public static JsonObject Json(IReadOnlyList<ReplicaRow> rows, IReadOnlyList<double> takeovers, double[] loadBefore) => new()
    {
        ["measuredAt"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["loadAverageBefore"] = new JsonArray([.. loadBefore.Select(l => (JsonNode)l)]),
        ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["mode"] = r.Mode, ["processes"] = r.Processes, ["store"] = r.Store, ["interactions"] = r.Interactions, ["concurrency"] = r.Concurrency,
            ["perSecond"] = Math.Round(r.PerSecond, 1), ["finalP50Ms"] = Math.Round(r.Final.P50, 1), ["finalP99Ms"] = Math.Round(r.Final.P99, 1), ["failed"] = r.Failed,
        })]),
        ["takeoverSeconds"] = new JsonArray([.. takeovers.Select(t => (JsonNode)Math.Round(t, 2))]),
    };

    private sealed record Replica(BotProcess Bot, Uri Endpoint);

    /// <summary>The PostgreSQL server of <c>LSML_TEST_POSTGRES</c>, or a throwaway cluster of <c>.ci/postgres</c> stopped on dispose.</summary>
    private sealed class PostgresServer(string connectionString, string? cluster) : IAsyncDisposable
    {
        public string ConnectionString { get; } = connectionString;

        public static async Task<PostgresServer> StartAsync()
        {
            if (TestStore.PostgresServer is { } given)
                return new PostgresServer(given, null);
            var lines = await RunAsync(Path.Combine(RepositoryPaths.Root, ".ci", "postgres"));
            return new PostgresServer(lines[1], lines[0]);
        }

        public async ValueTask DisposeAsync()
        {
            if (cluster is not null)
                await RunAsync(Path.Combine(RepositoryPaths.Root, ".ci", "postgres"), "stop", cluster);
        }

        private static async Task<string[]> RunAsync(string script, params string[] arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(script, arguments) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException($"{script} did not start");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{script} exited {process.ExitCode}");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
