using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Bench;

/// <summary>Writes <c>bench/results/latest.json</c> and the table between the README's bench markers.</summary>
internal static class Report
{
    public static JsonObject Json(Plan plan, Measurements m, double[] loadBefore, double[] loadAfter)
    {
        var json = new JsonObject
        {
            ["ratio_to_minimal_responder_p50"] = new JsonObject(m.Latency.Select(r => KeyValuePair.Create($"{r.Command}_c{r.Concurrency}", (JsonNode?)Round(r.RatioToResponderP50, 3)))),
            ["ratio_to_minimal_responder_in_bench_p50"] = new JsonObject(m.Latency.Select(r => KeyValuePair.Create($"{r.Command}_c{r.Concurrency}", (JsonNode?)Round(r.RatioToInBenchP50, 3)))),
            ["defer_p99_ms_at_100_per_s"] = Round(m.FixedRate[0].Defer.P99),
            ["defer_p99_ms"] = Round(m.DeferP99Ms),
            ["throughput_per_s"] = Round(m.ThroughputPerSecond, 1),
            ["rss_mb_after_10k"] = Round(m.RssAfter10kMb, 1),
            ["alloc_bytes_per_interaction"] = Math.Round((m.AllocListBytes + m.AllocGetBytes) / 2),
            ["watcher_calls_per_cycle"] = m.WatcherCallsPerCycle,
            ["watcher_cpu_ms_per_cycle"] = m.WatcherCpuMsPerCycle is { } cpu ? Round(cpu) : null,
            ["startup_ms"] = Round(Median(m.StartupMs), 0),
            ["machine"] = new JsonObject
            {
                ["cores"] = Environment.ProcessorCount,
                ["runtime"] = RuntimeInformation.FrameworkDescription,
                ["os"] = RuntimeInformation.OSDescription,
                ["load_average_before"] = new JsonArray([.. loadBefore.Select(l => (JsonNode)l)]),
                ["load_average_after"] = new JsonArray([.. loadAfter.Select(l => (JsonNode)l)]),
            },
            ["mode"] = plan.Mode,
            ["measured_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["details"] = new JsonObject
            {
                ["latency"] = new JsonArray([.. m.Latency.Select(LatencyJson)]),
                ["fixed_rate"] = new JsonArray([.. m.FixedRate.Select(FixedRateJson)]),
                ["side_by_side"] = new JsonObject
                {
                    ["note"] = m.SideBySideNote,
                    ["rows"] = new JsonArray([.. m.SideBySide.Select(SideBySideJson)]),
                },
                ["throughput_errors"] = m.ThroughputErrors,
                ["rss_mb_after_start"] = Round(m.RssAfterStartMb, 1),
                ["memory_mb_by_interactions"] = new JsonArray([.. m.MemorySamples.Select(MemoryJson)]),
                ["threads_after_start"] = m.ThreadsAfterStart,
                ["threads_after_10k"] = m.ThreadsAfter10k,
                ["bot_cpu_ms_per_interaction"] = Round(m.BotCpuMsPerInteraction, 3),
                ["stands_cpu_ms_per_interaction"] = Round(m.StandsCpuMsPerInteraction, 3),
                ["rss_growth_mb_5k_to_10k"] = Round(m.RssGrowth5kTo10kMb, 2),
                ["gc_committed_growth_mb_5k_to_10k"] = Round(m.RssGrowthParts5kTo10kMb.GcCommitted, 2),
                ["rss_outside_gc_growth_mb_5k_to_10k"] = Round(m.RssGrowthParts5kTo10kMb.OutsideGc, 2),
                ["rss_private_mb_after_10k"] = Round(m.RssPartsAfter10kMb.Private, 1),
                ["rss_mapped_mb_after_10k"] = Round(m.RssPartsAfter10kMb.Mapped, 1),
                ["rss_binary_file_mb_after_10k"] = Round(m.RssByMappingAfter10kMb.BinaryFile, 1),
                ["rss_binary_data_mb_after_10k"] = Round(m.RssByMappingAfter10kMb.BinaryData, 1),
                ["rss_libraries_mb_after_10k"] = Round(m.RssByMappingAfter10kMb.Libraries, 1),
                ["managed_heap_mb_after_start"] = m.HeapAfterStartMb is { } h0 ? Round(h0, 1) : null,
                ["managed_heap_mb_after_interactions"] = m.HeapAfterInteractionsMb is { } h1 ? Round(h1, 1) : null,
                ["managed_heap_interactions"] = m.HeapInteractions,
                ["alloc_bytes_list"] = Math.Round(m.AllocListBytes),
                ["alloc_bytes_get"] = Math.Round(m.AllocGetBytes),
                ["alloc_method"] = m.AllocMethod,
                ["startup_ms_runs"] = new JsonArray([.. m.StartupMs.Select(s => (JsonNode)Round(s, 0))]),
                ["watcher_note"] = m.WatcherNote,
                ["notes"] = new JsonArray([.. m.Notes.Select(n => (JsonNode)n)]),
            },
        };
        return json;
    }

    public static string Markdown(Plan plan, Measurements m, double[] loadBefore, double[] loadAfter)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine("Measured by `dotnet run -c Release --project bench/LabelStudioMl.Bot.Bench` (`-- --quick` for a shorter run); what each figure means and how it is taken: [bench/README.md](bench/README.md). Raw numbers: [bench/results/latest.json](bench/results/latest.json).");
        text.AppendLine();
        text.AppendLine(culture, $"Last run: `{plan.Mode}`, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, load average {Load(loadBefore)} before / {Load(loadAfter)} after (the machine is shared: absolute times are noisy, ratios are taken in the same run).");
        text.AppendLine();
        text.AppendLine("| measure | result | budget | |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in m.Latency)
            Row(text, $"end-to-end p50, bot ÷ minimal responder in its own process (defer, then read), `{row.Command}` at concurrency {row.Concurrency} (inside the bench process: {row.InBenchFinal.P50:0.00} ms, {row.RatioToInBenchP50:0.00})", $"{row.Final.P50:0.00} ms ÷ {row.ResponderFinal.P50:0.00} ms = {row.RatioToResponderP50:0.00}", "≤ 1.15", row.RatioToResponderP50 <= 1.15);
        var (botAtRate, responderAtRate) = (m.FixedRate[0], m.FixedRate[^1]);
        Row(text, $"defer acknowledgement p99 at {Plan.FixedRatePerSecond} interactions/s, open loop ({botAtRate.Errors} errors; minimal responder {responderAtRate.Defer.P99:0.0} ms)", $"{botAtRate.Defer.P99:0.0} ms", "< 20 ms", botAtRate.Defer.P99 < 20 && botAtRate.Errors == 0);
        Row(text, "defer acknowledgement p99 at concurrency 50", $"{m.DeferP99Ms:0.0} ms", "< 50 ms", m.DeferP99Ms < 50);
        Row(text, $"sustained interactions per second at concurrency 50 ({m.ThroughputErrors} errors)", $"{m.ThroughputPerSecond:0}/s", "≥ 500/s, no errors", m.ThroughputPerSecond >= 500 && m.ThroughputErrors == 0);
        Row(text, "CPU per interaction at concurrency 50: bot / fakes and load generator (same cores)", $"{m.BotCpuMsPerInteraction:0.00} / {m.StandsCpuMsPerInteraction:0.00} ms", "–", null);
        Row(text, "RSS of the Native AOT binary after 10,000 interactions (after start)", $"{m.RssAfter10kMb:0.0} MiB ({m.RssAfterStartMb:0.0} MiB)", "≤ 60 MiB", m.RssAfter10kMb <= 60);
        Row(text, "of which private / mapped from files and shared memory", $"{m.RssPartsAfter10kMb.Private:0.0} / {m.RssPartsAfter10kMb.Mapped:0.0} MiB", "–", null);
        var (binaryFile, binaryData, libraries) = m.RssByMappingAfter10kMb;
        Row(text, "of which the binary's file pages / its data written at start / other files (libc, libcrypto, SQLite) / GC committed / the rest",
            $"{binaryFile:0.0} / {binaryData:0.0} / {libraries:0.0} / {m.MemorySamples[^1].GcCommittedMb:0.0} / {m.RssAfter10kMb - binaryFile - binaryData - libraries - m.MemorySamples[^1].GcCommittedMb:0.0} MiB", "–", null);
        Row(text, "RSS growth from 5,000 to 10,000 interactions (least squares)", $"{Signed(m.RssGrowth5kTo10kMb)} MiB", "no trend (< 2 MiB)", m.RssGrowth5kTo10kMb < 2);
        Row(text, "of which GC committed / the rest of RSS (bot's `/metrics`)", $"{Signed(m.RssGrowthParts5kTo10kMb.GcCommitted)} / {Signed(m.RssGrowthParts5kTo10kMb.OutsideGc)} MiB", "–", null);
        var (first, last) = (m.MemorySamples[0], m.MemorySamples[^1]);
        Row(text, "managed heap as the last GC left it / GC committed, after start → after 10,000 (bot's `/metrics`)", $"{first.GcHeapMb:0.0} / {first.GcCommittedMb:0.0} → {last.GcHeapMb:0.0} / {last.GcCommittedMb:0.0} MiB", "–", null);
        Row(text, "garbage collections / GC pause over the 10,000 interactions", $"{last.GcCollections - first.GcCollections:0} / {last.GcPauseMs - first.GcPauseMs:0} ms", "–", null);
        Row(text, "Label Studio calls per watcher cycle (100 projects × 10 backends)", m.WatcherCallsPerCycle is { } calls ? $"{calls:0}" : "not measured", "100", m.WatcherCallsPerCycle is { } c ? c <= 100 : null);
        Row(text, "bot CPU per watcher cycle", m.WatcherCpuMsPerCycle is { } cpu ? $"{cpu:0.0} ms" : "not measured", "–", null);
        Row(text, "startup: process start → READY (median)", $"{Median(m.StartupMs):0} ms", "< 2 s", Median(m.StartupMs) < 2000);
        Row(text, "allocated per interaction (list / get)", $"{m.AllocListBytes / 1024:0.0} / {m.AllocGetBytes / 1024:0.0} KiB", "–", null);
        if (m.HeapAfterStartMb is { } heapStart && m.HeapAfterInteractionsMb is { } heapEnd)
            Row(text, $"managed heap after start / after {m.HeapInteractions:N0} interactions (in-process host)", $"{heapStart:0.0} / {heapEnd:0.0} MiB", "–", null);
        text.AppendLine();
        text.AppendLine("Latency in ms; the bot, the minimal responder (its own process), the same responder inside the bench process and the direct read take turns within each row's phase:");
        text.AppendLine();
        text.AppendLine("| command | concurrency | bot defer p50 / p95 / p99 | bot final p50 / p95 / p99 | minimal responder final p50 / p95 / p99 | bot ÷ minimal p50 | in the bench process final p50 / p95 / p99 | bot ÷ it p50 (context) | direct p50 / p95 / p99 | bot ÷ direct p50 (context) | errors |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in m.Latency)
            text.AppendLine(culture, $"| {row.Command} | {row.Concurrency} | {Triple(row.Defer)} | {Triple(row.Final)} | {Triple(row.ResponderFinal)} | {row.RatioToResponderP50:0.00} | {Triple(row.InBenchFinal)} | {row.RatioToInBenchP50:0.00} | {Triple(row.Direct)} | {row.RatioToDirectP50:0.00} | {row.Errors} |");

        text.AppendLine();
        text.AppendLine(culture, $"At {Plan.FixedRatePerSecond} interactions/s pushed whatever the answers (list and get alternating), in ms:");
        text.AppendLine();
        text.AppendLine("| who | pushed | rate kept | defer p50 / p95 / p99 | final p50 / p95 / p99 | errors |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in m.FixedRate)
            text.AppendLine(culture, $"| {row.Who} | {row.Pushed} | {row.PerSecond:0.0}/s | {Triple(row.Defer)} | {Triple(row.Final)} | {row.Errors} |");

        text.AppendLine();
        text.AppendLine(culture, $"Where the time goes at concurrency 1, p50 of each step in ms, read off the fakes' clocks (the p50s of the steps need not add up to the p50 of the whole); the rows of a command come from the same phase:");
        text.AppendLine();
        text.AppendLine(culture, $"| who | command | {string.Join(" | ", InteractionSteps.Names)} | final p50 |");
        text.AppendLine(culture, $"|---|---|{string.Concat(Enumerable.Repeat("---|", InteractionSteps.Names.Length + 1))}");
        var stepRows = m.Latency.Where(r => r.Steps is not null).Select(r => ("bot", r.Command, r.Steps!, r.Final))
            .Concat(m.Latency.Where(r => r.ResponderSteps is not null).Select(r => ("minimal responder", r.Command, r.ResponderSteps!, r.ResponderFinal)))
            .Concat(m.Latency.Where(r => r.InBenchSteps is not null).Select(r => ("minimal responder in the bench process", r.Command, r.InBenchSteps!, r.InBenchFinal)));
        foreach (var (who, command, steps, final) in stepRows)
            text.AppendLine(culture, $"| {who} | {command} | {string.Join(" | ", steps.Values.Select(v => v.ToString("0.00", culture)))} | {final.P50:0.00} |");

        text.AppendLine();
        foreach (var note in m.Notes.Append($"Allocations: {m.AllocMethod}.").Append($"Watcher: {m.WatcherNote}").Append("Side by side with a minimal discord.js bot: [bench/README.md](bench/README.md#side-by-side-with-discordjs)."))
            text.AppendLine(culture, $"- {note}");
        return text.ToString().TrimEnd();
    }

    /// <summary>bench/README.md's side-by-side table: for each bot and load, what Discord saw of its answers, and its process's cost.</summary>
    public static string SideBySideMarkdown(Plan plan, Measurements m, double[] loadBefore)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Run of {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC (`{plan.Mode}`, load average {Load(loadBefore)} at the start of the run). {m.SideBySideNote}");
        if (m.SideBySide.Count == 0)
            return text.ToString().TrimEnd();
        text.AppendLine();
        text.AppendLine("| bot | load | pushed | acked | finished | ack p50 / p99 | final p50 / p99 | peak RSS | CPU (per interaction) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in m.SideBySide)
            text.AppendLine(culture, $"| {row.Bot} | {row.Load} | {row.Pushed} | {row.Acked} | {row.Finished} | {Pair(row.Ack)} | {Pair(row.Final)} | {row.PeakRssMb:0.0} MiB | {row.CpuMs:0} ms ({row.CpuMs / row.Pushed:0.00} ms) |");
        return text.ToString().TrimEnd();
    }

    private static string Pair(Percentiles? p) => p is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{p.P50:0.0} / {p.P99:0.0} ms");

    /// <summary>
    /// Replaces what stands between the <c>&lt;!-- name:start --&gt;</c> and <c>&lt;!-- name:end --&gt;</c> markers;
    /// adds a section <paramref name="heading"/> with them at the end when absent.
    /// </summary>
    public static string WithTable(string readme, string table, string name = "bench", string heading = "Performance")
    {
        var (startMarker, endMarker) = ($"<!-- {name}:start -->", $"<!-- {name}:end -->");
        var start = readme.IndexOf(startMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(endMarker, StringComparison.Ordinal);
        if (start < 0 || end < start)
            return readme.TrimEnd() + $"\n\n## {heading}\n\n{startMarker}\n{table}\n{endMarker}\n";
        return readme[..(start + startMarker.Length)] + "\n" + table + "\n" + readme[end..];
    }

    /// <summary>README's table of fault runs: each fault, what the first probe saw, what this run measured.</summary>
    public static string FaultsMarkdown(IReadOnlyList<FaultRow> rows, double[] loadBefore)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Fault runs of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, the Native AOT bot against the stands (load average {string.Join(' ', loadBefore)} at the start; `dotnet run -c Release --project bench/LabelStudioMl.Bot.Bench -- --faults`):");
        text.AppendLine();
        text.AppendLine("| fault | before (issue 17's probe) | now (measured) |");
        text.AppendLine("|---|---|---|");
        foreach (var row in rows)
            text.AppendLine(culture, $"| {Cell(row.Fault)} | {Cell(row.Before)} | {Cell(row.Now)} |");
        return text.ToString().TrimEnd();
    }

    public static JsonObject FaultsJson(IReadOnlyList<FaultRow> rows, double[] loadBefore) => new()
    {
        ["measured_at"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["load_average_before"] = new JsonArray([.. loadBefore.Select(v => JsonValue.Create(v))]),
        ["faults"] = new JsonArray([.. rows.Select(r => new JsonObject { ["fault"] = r.Fault, ["now"] = r.Now, ["figures"] = r.Figures.DeepClone() })]),
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    public static string Serialize(JsonObject json) => json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static JsonNode LatencyJson(LatencyRow row) => new JsonObject
    {
        ["command"] = row.Command,
        ["concurrency"] = row.Concurrency,
        ["samples"] = row.Final.Count,
        ["errors"] = row.Errors,
        ["defer_ms"] = PercentilesJson(row.Defer),
        ["final_ms"] = PercentilesJson(row.Final),
        ["responder_defer_ms"] = PercentilesJson(row.ResponderDefer),
        ["responder_final_ms"] = PercentilesJson(row.ResponderFinal),
        ["responder_in_bench_final_ms"] = PercentilesJson(row.InBenchFinal),
        ["direct_ms"] = PercentilesJson(row.Direct),
        ["ratio_to_minimal_responder_p50"] = Round(row.RatioToResponderP50, 3),
        ["ratio_to_minimal_responder_in_bench_p50"] = Round(row.RatioToInBenchP50, 3),
        ["ratio_to_direct_p50"] = Round(row.RatioToDirectP50, 3),
        ["steps_p50_ms"] = StepsJson(row.Steps),
        ["responder_steps_p50_ms"] = StepsJson(row.ResponderSteps),
        ["responder_in_bench_steps_p50_ms"] = StepsJson(row.InBenchSteps),
    };

    private static JsonNode FixedRateJson(FixedRateRow row) => new JsonObject
    {
        ["who"] = row.Who,
        ["pushed"] = row.Pushed,
        ["per_second"] = Round(row.PerSecond, 1),
        ["errors"] = row.Errors,
        ["defer_ms"] = PercentilesJson(row.Defer),
        ["final_ms"] = PercentilesJson(row.Final),
    };

    private static JsonNode SideBySideJson(SideBySideRow row) => new JsonObject
    {
        ["bot"] = row.Bot,
        ["load"] = row.Load,
        ["pushed"] = row.Pushed,
        ["acked"] = row.Acked,
        ["finished"] = row.Finished,
        ["ack_ms"] = row.Ack is { } ack ? PercentilesJson(ack) : null,
        ["final_ms"] = row.Final is { } final ? PercentilesJson(final) : null,
        ["peak_rss_mb"] = Round(row.PeakRssMb, 1),
        ["cpu_ms"] = Round(row.CpuMs, 0),
    };

    private static JsonObject? StepsJson(InteractionSteps? steps) => steps is null
        ? null
        : new JsonObject
        {
            ["dispatch_to_defer"] = Round(steps.ToDefer),
            ["defer_to_read_received"] = Round(steps.DeferToRead),
            ["read_at_label_studio"] = Round(steps.Read),
            ["read_answered_to_edit"] = Round(steps.ReadToEdit),
        };

    private static JsonNode MemoryJson(MemorySample s) => new JsonObject
    {
        ["interactions"] = s.Interactions,
        ["rss_mb"] = Round(s.RssMb, 1),
        ["gc_heap_mb"] = Round(s.GcHeapMb, 1),
        ["gc_committed_mb"] = Round(s.GcCommittedMb, 1),
        ["gc_collections"] = s.GcCollections,
        ["gc_pause_ms"] = Round(s.GcPauseMs, 1),
    };

    private static JsonObject PercentilesJson(Percentiles p) =>
        new() { ["p50"] = Round(p.P50), ["p95"] = Round(p.P95), ["p99"] = Round(p.P99), ["max"] = Round(p.Max) };

    private static void Row(StringBuilder text, string measure, string result, string budget, bool? pass) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {result} | {budget} | {pass switch { true => "pass", false => "**miss**", null => "" }} |");

    /// <summary>A change in MiB with its sign; a small fall that rounds to zero reads +0.0, not "-+0.0".</summary>
    private static string Signed(double mebibytes) => mebibytes.ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture);

    private static string Triple(Percentiles p) => string.Create(CultureInfo.InvariantCulture, $"{p.P50:0.0} / {p.P95:0.0} / {p.P99:0.0}");

    private static string Load(double[] load) => string.Join(' ', load.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)));

    private static double Round(double value, int digits = 2) => Math.Round(value, digits);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
