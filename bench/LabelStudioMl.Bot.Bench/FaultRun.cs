using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Bench;

/// <summary>One fault injected into the real bot process, what the probe of issue 17 saw, and what the bot does now.</summary>
/// <param name="Fault">The fault, as injected.</param>
/// <param name="Before">What the first probe saw (issue 17).</param>
/// <param name="Now">What this run measured.</param>
/// <param name="Figures">The same, as numbers for <c>faults.json</c>.</param>
internal sealed record FaultRow(string Fault, string Before, string Now, JsonObject Figures);

/// <summary>
/// The fault runs behind README's "Reliability" table: each fault is injected through the stands' knobs into the
/// Native AOT bot, a fresh process and fresh stands for each, and the figures are read off the fakes and the process.
/// </summary>
internal static class FaultRun
{
    private const long Mebibyte = 1024 * 1024;

    /// <summary>How long each reconnect storm is let run.</summary>
    private static readonly TimeSpan StormWindow = TimeSpan.FromSeconds(20);

    public static async Task<IReadOnlyList<FaultRow>> RunAsync()
    {
        var rows = new List<FaultRow>();
        foreach (var chunked in new[] { false, true })
            rows.Add(await Measured($"huge answer ({(chunked ? "chunked" : "Content-Length")})", () => HugeAnswerAsync(chunked)));
        foreach (var fault in new[] { AfterResume.Reconnect, AfterResume.MalformedFrame, AfterResume.DropAfter100Ms })
            rows.Add(await Measured($"reconnect storm ({fault})", () => ReconnectStormAsync(fault)));
        rows.Add(await Measured("flood against a slow Label Studio", SlowFloodAsync));
        rows.Add(await Measured("global 429 on the deferral", GlobalRateLimitAsync));
        rows.Add(await Measured("502 on the deferral", BadGatewayAsync));
        rows.Add(await Measured("store deleted", StoreDeletedAsync));
        rows.Add(await Measured("secrets in JSON logs", SecretsInJsonLogsAsync));
        rows.Add(await Measured("unreadable interactions", UnreadableAsync));
        rows.Add(await Measured("autocomplete from an unconfigured server", ForeignAutocompleteAsync));
        return rows;
    }

    private static async Task<FaultRow> Measured(string name, Func<Task<FaultRow>> run)
    {
        Suite.Log($"fault: {name}");
        var row = await run();
        Suite.Log($"  {row.Now}");
        return row;
    }

    /// <summary>Issue 17, defect 1: a 300 MiB list from Label Studio.</summary>
    private static async Task<FaultRow> HugeAnswerAsync(bool chunked)
    {
        await using var run = await FaultStand.StartAsync();
        var rssBefore = run.Bot.ResidentMegabytes;
        using var peak = new PeakSampler(() => run.Bot.ResidentMegabytes);
        run.Stands.LabelStudio.AnswerNextRequestWithLargeList(300 * Mebibyte, chunked);
        var clock = Stopwatch.StartNew();
        var answer = await run.Stands.Discord.AnswerAsync(await run.Stands.Discord.PushInteractionAsync(InteractionDriver.List()));
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        var title = FirstEmbedText(answer.Body, "title");
        var description = FirstEmbedText(answer.Body, "description");
        var size = description.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? description[open..(description.IndexOf(')', open) + 1)] : "";
        var read = run.Stands.LabelStudio.LargeAnswerBytesSent / (double)Mebibyte;
        return new FaultRow(
            $"Label Studio answers a 300 MiB list ({(chunked ? "chunked" : "with Content-Length")})",
            "RSS to 4.4 GiB; a 400 MiB list of whitespace shown as \"No ML backends here yet\"",
            Invariant($"\"{title}\" {size} after {milliseconds:0} ms; {read:0.0} MiB sent before the bot stopped reading; RSS {rssBefore:0} → peak {peak.Peak:0} MiB"),
            new JsonObject { ["answered_after_ms"] = Round(milliseconds), ["mib_sent"] = Round(read), ["rss_before_mib"] = Round(rssBefore), ["rss_peak_mib"] = Round(peak.Peak), ["title"] = title });
    }

    /// <summary>Issue 17, defect 2: the gateway breaks every resume, for <see cref="StormWindow"/>.</summary>
    private static async Task<FaultRow> ReconnectStormAsync(AfterResume fault)
    {
        await using var run = await FaultStand.StartAsync();
        var discord = run.Stands.Discord;
        var first = discord.ConnectionAttempts.Count;
        discord.AfterEveryResume = fault;
        var since = DateTimeOffset.UtcNow;
        await discord.SendReconnectAsync();
        await Task.Delay(StormWindow);
        var attempts = discord.ConnectionAttempts.Skip(first).Select(a => a.At).Where(at => at >= since).ToList();
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        var longest = gaps.Count == 0 ? 0 : gaps.Max();
        var before = fault == AfterResume.DropAfter100Ms ? "10 connections/s, no backoff" : "about 125 connections/s";
        return new FaultRow(
            fault switch
            {
                AfterResume.Reconnect => "Gateway sends op 7 after every resume",
                AfterResume.MalformedFrame => "Gateway sends a frame that is not JSON after every RESUMED",
                _ => "Gateway drops TCP 100 ms after every resume",
            },
            before,
            Invariant($"{attempts.Count} connections in {StormWindow.TotalSeconds:0} s ({attempts.Count / StormWindow.TotalSeconds:0.00}/s), waits growing to {longest:0.0} s"),
            new JsonObject { ["connections"] = attempts.Count, ["window_s"] = StormWindow.TotalSeconds, ["longest_wait_s"] = Round(longest) });
    }

    /// <summary>Issue 17, defect 6: 3,000 interactions, help among them, while every Label Studio answer takes 20 s.</summary>
    private static async Task<FaultRow> SlowFloodAsync()
    {
        const int count = 3000;
        await using var run = await FaultStand.StartAsync();
        var discord = run.Stands.Discord;
        run.Stands.LabelStudio.Options.ResponseDelay = TimeSpan.FromSeconds(20);
        var pushed = new ConcurrentDictionary<string, (long At, bool Help)>();
        var acknowledged = new ConcurrentDictionary<string, (double Ms, int Type, bool Busy)>();
        void OnCallback(object? sender, RecordedCallback callback)
        {
            if (pushed.TryGetValue(callback.InteractionId, out var sent))
                acknowledged[callback.InteractionId] = (ConcurrentRun.Milliseconds(sent.At, callback.Timestamp), callback.Type, callback.Body.ToJsonString().Contains("The bot is busy", StringComparison.Ordinal));
        }

        discord.CallbackRecorded += OnCallback;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var help = i % 100 == 50;
                var interaction = help ? FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("help")) : InteractionDriver.List();
                var id = (1_300_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
                interaction["id"] = id;
                pushed[id] = (Stopwatch.GetTimestamp(), help);
                await discord.PushInteractionAsync(interaction);
            }

            // Discord's 3 s: a later callback is refused (10062) and never recorded.
            await Task.Delay(TimeSpan.FromSeconds(4));
        }
        finally
        {
            discord.CallbackRecorded -= OnCallback;
        }

        var within = acknowledged.Values.Where(a => a.Ms <= 3000).ToList();
        var helps = pushed.Count(p => p.Value.Help);
        var helpsAnswered = pushed.Count(p => p.Value.Help && acknowledged.TryGetValue(p.Key, out var a) && a.Ms <= 3000);
        var p99 = within.Count == 0 ? 0 : Percentiles.Of(within.Select(a => a.Ms)).P99;
        return new FaultRow(
            "3,000 interactions while Label Studio takes 20 s to answer",
            "2,744 of 3,000 never acknowledged within Discord's 3 s, help and autocomplete among them",
            Invariant($"{within.Count:N0} of {count:N0} acknowledged within 3 s (p99 {p99:0} ms): {within.Count(a => a.Type == 5):N0} deferred, {within.Count(a => a.Busy):N0} told \"The bot is busy\", help {helpsAnswered} of {helps}"),
            new JsonObject
            {
                ["interactions"] = count,
                ["acknowledged_within_3s"] = within.Count,
                ["deferred"] = within.Count(a => a.Type == 5),
                ["busy"] = within.Count(a => a.Busy),
                ["ack_p99_ms"] = Round(p99),
                ["help_answered"] = helpsAnswered,
                ["help_sent"] = helps,
            });
    }

    /// <summary>Issue 17, defect 7: a global 429 with <c>retry_after</c> 1 s on the deferral.</summary>
    private static Task<FaultRow> GlobalRateLimitAsync() => DeferralFaultAsync(
        discord => discord.InjectRateLimit("/callback", 1.0, "global"),
        "Global 429 (retry_after 1 s) on the deferral",
        "3 retries within about 16 ms, ignoring retry_after",
        "the retry {0:0} ms after the 429");

    /// <summary>Issue 17, defect 7: one 502 on the deferral.</summary>
    private static Task<FaultRow> BadGatewayAsync() => DeferralFaultAsync(
        discord => discord.FailNextRequests("/callback", 1, 502),
        "One 502 on the deferral",
        "not retried: the interaction failed",
        "retried after {0:0} ms");

    /// <summary>Injects one fault on the interaction callback route, runs <c>/ml get</c> and reports how the deferral was retried.</summary>
    private static async Task<FaultRow> DeferralFaultAsync(Action<FakeDiscord> inject, string fault, string before, string retryFormat)
    {
        await using var run = await FaultStand.StartAsync();
        var discord = run.Stands.Discord;
        inject(discord);
        var id = await discord.PushInteractionAsync(InteractionDriver.Get());
        await discord.AnswerAsync(id);
        var callbacks = CallbackRequests(discord, id);
        var retry = callbacks.Count > 1 ? (callbacks[1].ReceivedAt - callbacks[0].ReceivedAt).TotalMilliseconds : 0;
        var retried = string.Format(CultureInfo.InvariantCulture, retryFormat, retry);
        return new FaultRow(
            fault,
            before,
            Invariant($"{callbacks.Count} callback requests ({string.Join(", ", callbacks.Select(c => c.Status))}), {retried}, then answered"),
            new JsonObject { ["callback_requests"] = callbacks.Count, ["retry_after_ms"] = Round(retry) });
    }

    /// <summary>Issue 17, defect 8: the store file is deleted under the running bot.</summary>
    private static async Task<FaultRow> StoreDeletedAsync()
    {
        await using var run = await FaultStand.StartAsync();
        var health = run.Bot.HealthAddress;
        using var http = new HttpClient();
        File.Delete(run.Bot.DatabasePath);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var ready = await http.GetAsync(new Uri(health, "/readyz"));
            if ((int)ready.StatusCode == 503)
                break;
            await Task.Delay(100);
        }

        var notReadyAfter = clock.Elapsed.TotalMilliseconds;
        var metrics = await http.GetStringAsync(new Uri(health, "/metrics"));
        var watch = FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("watch", FakeInteractions.Option("backend", 1)));
        var answer = await run.Stands.Discord.AnswerAsync(await run.Stands.Discord.PushInteractionAsync(watch));
        var title = FirstEmbedText(answer.Body, "title");
        return new FaultRow(
            "The store file is deleted while the bot runs",
            "unnoticed: rows went to the deleted file, /readyz 200 throughout, \"This is a bug in the bot\"",
            Invariant($"/readyz 503 {notReadyAfter:0} ms after the delete, bot_store_healthy {PrometheusText.Value(metrics, "bot_store_healthy"):0}; `/ml watch` answers \"{title}\""),
            new JsonObject { ["not_ready_after_ms"] = Round(notReadyAfter), ["store_healthy"] = PrometheusText.Value(metrics, "bot_store_healthy"), ["watch_title"] = title });
    }

    /// <summary>Issue 17, defect 4: JSON logs at Verbose, HTTP headers included.</summary>
    private static async Task<FaultRow> SecretsInJsonLogsAsync()
    {
        await using var run = await FaultStand.StartAsync(new Dictionary<string, string>
        {
            ["Logging:Format"] = "json",
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
            ["Serilog:MinimumLevel:Override:System.Net.Http.HttpClient"] = "Verbose",
        });
        var discord = run.Stands.Discord;
        await discord.AnswerAsync(await discord.PushInteractionAsync(InteractionDriver.Get()));
        await discord.AnswerAsync(await discord.PushInteractionAsync(InteractionDriver.List()));
        var output = run.Bot.Output;
        var lines = output.Split('\n').Length;
        string[] secrets = [discord.Options.BotToken, run.Stands.LabelStudio.LegacyToken];
        var found = secrets.Sum(secret => CountOf(output, secret));
        var masked = CountOf(output, "Authorization");
        return new FaultRow(
            "Logs as JSON at Verbose, HTTP headers included",
            "the Discord token, basic-auth credentials and Label Studio tokens logged raw",
            Invariant($"{lines:N0} log lines, {masked} of them naming the Authorization header, {found} occurrences of the bot token or the Label Studio key"),
            new JsonObject { ["log_lines"] = lines, ["authorization_mentions"] = masked, ["secret_occurrences"] = found });
    }

    /// <summary>Issue 17, minor: interactions the bot cannot read or does not handle.</summary>
    private static async Task<FaultRow> UnreadableAsync()
    {
        await using var run = await FaultStand.StartAsync();
        var discord = run.Stands.Discord;
        var kinds = new List<JsonObject>();
        var badGuild = InteractionDriver.List();
        badGuild["guild_id"] = "not-a-snowflake";
        kinds.Add(badGuild);
        var nested = FakeInteractions.Option("project", 1);
        for (var depth = 0; depth < 100; depth++)
            nested = new JsonObject { ["name"] = "deeper", ["type"] = 2, ["options"] = new JsonArray(nested) };
        var deep = InteractionDriver.List();
        deep["data"]!["options"]![0]!["options"] = new JsonArray(nested);
        kinds.Add(deep);
        foreach (var type in new[] { 99, 5 })
        {
            var odd = InteractionDriver.List();
            odd["type"] = type;
            kinds.Add(odd);
        }

        var answered = new List<double>();
        foreach (var interaction in kinds)
        {
            var clock = Stopwatch.StartNew();
            var callback = await discord.CallbackAsync(await discord.PushInteractionAsync(interaction));
            if (callback.Ephemeral && callback.Body.ToJsonString().Contains("nothing was run", StringComparison.Ordinal))
                answered.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new FaultRow(
            "Interactions with a guild_id that is not an id, options nested 100 deep, type 99, type 5",
            "no answer at all (\"The application did not respond\")",
            Invariant($"{answered.Count} of {kinds.Count} told privately that nothing was run, within {(answered.Count == 0 ? 0 : answered.Max()):0} ms"),
            new JsonObject { ["answered"] = answered.Count, ["sent"] = kinds.Count, ["slowest_ms"] = Round(answered.Count == 0 ? 0 : answered.Max()) });
    }

    /// <summary>Issue 17, defect 5: autocomplete from a server the configuration does not list.</summary>
    private static async Task<FaultRow> ForeignAutocompleteAsync()
    {
        await using var run = await FaultStand.StartAsync();
        var discord = run.Stands.Discord;
        var autocomplete = FakeInteractions.Autocomplete("ml", FakeInteractions.SubCommand("get", FakeInteractions.Focused(FakeInteractions.Option("backend", ""))));
        var own = await discord.CallbackAsync(await discord.PushInteractionAsync(autocomplete));
        var foreign = (JsonObject)autocomplete.DeepClone();
        foreign["guild_id"] = "1100000000000000999";
        var other = await discord.CallbackAsync(await discord.PushInteractionAsync(foreign));
        int Choices(RecordedCallback callback) => (callback.Body["data"]?["choices"] as JsonArray)?.Count ?? 0;
        return new FaultRow(
            "Autocomplete from a server the configuration does not list",
            "backend titles, states and projects listed",
            Invariant($"{Choices(other)} choices (the configured server gets {Choices(own)})"),
            new JsonObject { ["foreign_choices"] = Choices(other), ["own_choices"] = Choices(own) });
    }

    private static List<RecordedRequest> CallbackRequests(FakeDiscord discord, string interactionId) =>
        [.. discord.Requests.Where(r => r.Path.Contains($"/interactions/{interactionId}/", StringComparison.Ordinal) && r.Path.EndsWith("/callback", StringComparison.Ordinal))];

    private static string FirstEmbedText(JsonNode body, string field) => body["embeds"]?[0]?[field]?.GetValue<string>() ?? "";

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Fresh stands and a fresh bot process, settled (commands registered, first catalog refresh done).</summary>
    private sealed class FaultStand : IAsyncDisposable
    {
        private FaultStand(Stands stands, BotUnderTest bot)
        {
            Stands = stands;
            Bot = bot;
        }

        public Stands Stands { get; }

        public BotUnderTest Bot { get; }

        public static async Task<FaultStand> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
        {
            var stands = await Stands.StartAsync();
            try
            {
                var bot = await BotUnderTest.StartAsync(stands, settings);
                await Suite.SettleAsync(stands);
                return new FaultStand(stands, bot);
            }
            catch
            {
                await stands.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Bot.DisposeAsync();
            await Stands.DisposeAsync();
        }
    }

    /// <summary>Samples a value every 10 ms until disposed and keeps the highest.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private double _peak;

        public PeakSampler(Func<double> sample)
        {
            _sampling = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var value = sample();
                    if (value > Volatile.Read(ref _peak))
                        Volatile.Write(ref _peak, value);
                    await Task.Delay(10).ConfigureAwait(false);
                }
            });
        }

        public double Peak => Volatile.Read(ref _peak);

        public void Dispose()
        {
            _stop.Cancel();
            _sampling.Wait();
            _stop.Dispose();
        }
    }
}
