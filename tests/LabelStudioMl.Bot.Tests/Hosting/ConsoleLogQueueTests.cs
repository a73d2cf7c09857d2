using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.Hosting;

/// <summary>The running bot's log goes to standard output through a queue: it never waits for the reader.</summary>
public sealed partial class ConsoleLogQueueTests
{
    private const string Dropped = "bot_log_events_dropped_total";

    /// <summary>
    /// Nobody reads the bot's standard output (a paused terminal, a stuck log shipper): the pipe fills, and the bot
    /// must go on answering and keep its gateway session, dropping log lines rather than waiting for the reader; it
    /// counts them on <c>/metrics</c> and, once the reader is back, says in the log how many it dropped.
    /// </summary>
    [Fact]
    public async Task The_bot_keeps_answering_while_its_output_is_not_read_and_then_says_how_many_lines_it_dropped()
    {
        // What is tried here is the stalled output, not Discord's 3 s window (other tests hold the bot to it): a JIT bot
        // logging every line at Verbose, on a CI machine busy with the rest of the suite, has been seen to miss it.
        await using var discord = await FakeDiscord.StartAsync(new FakeDiscordOptions { InteractionResponseDeadline = TimeSpan.FromSeconds(30) });
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        await SampleData.SeedAsync(labelStudio);
        using var database = TestStore.Create();
        var backend = labelStudio.Backends[0];

        // Verbose with every source let through prints about thirty lines per interaction: the pipe (64 KiB) fills
        // within the first few interactions, and the bot's queue (10,000 events) within a few hundred.
        using var bot = BotProcess.Start(BotProcess.Arguments(discord, labelStudio, database, new Dictionary<string, string>
        {
            [$"Access:Guilds:{discord.Options.GuildId}:View:0"] = "@everyone",
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
            ["Serilog:MinimumLevel:Override:System.Net.Http.HttpClient"] = "Verbose",
        }));
        var errors = bot.StandardError.ReadToEndAsync();
        try
        {
            var start = await ReadUntilAsync(bot.StandardOutput, "Health and metrics at ");
            using var metrics = new HttpClient { BaseAddress = BotProcess.HealthAddressIn(start[^1]) };
            await FakeDiscord.WaitUntilAsync(() => discord.IdentifyCount > 0, TimeSpan.FromSeconds(30), "the bot to identify on the gateway");

            // From here on, nobody reads standard output.
            var answered = 0;
            var droppedWhileStalled = 0.0;
            while (droppedWhileStalled == 0 && answered < 3_000)
            {
                answered += await AnswerTenAsync(discord, backend.Id);
                droppedWhileStalled = PrometheusText.Value(await metrics.GetStringAsync("/metrics"), Dropped);
            }

            Assert.True(droppedWhileStalled > 0, $"Nothing was dropped over {answered} interactions.");
            answered += await AnswerTenAsync(discord, backend.Id);
            var report = await ReadUntilAsync(bot.StandardOutput, "log events were dropped");
            // The exporter answers a scrape from a cache for 300 ms (ScrapeResponseCacheDurationMilliseconds), and lines
            // go on being dropped after the report since nobody reads on: the metric read later is at least the report's.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var total = PrometheusText.Value(await metrics.GetStringAsync("/metrics"), Dropped);

            Assert.Equal(1, discord.IdentifyCount);
            var said = DropReport().Match(report[^1]);
            Assert.True(said.Success, report[^1]);
            var reported = double.Parse(said.Groups["total"].Value, CultureInfo.InvariantCulture);
            Assert.True(reported >= droppedWhileStalled, $"the log said {reported} dropped in all, /metrics said {droppedWhileStalled} while stalled");
            Assert.True(total >= reported, $"/metrics says {total} dropped, fewer than the {reported} the log said");
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
            await errors;
        }
    }

    /// <summary>
    /// A line the console cannot take (a closed pipe, a full disk behind a redirect) is lost alone: the lines after it
    /// are still written, all of them by the time the logger's disposal at stop returns.
    /// </summary>
    [Fact]
    public void A_line_the_console_refuses_does_not_stop_the_lines_after_it()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var console = new RefusingFirstLine();
        var sink = new ConsoleLogQueue(services.GetRequiredService<IMeterFactory>()).Into(console);

        foreach (var text in new[] { "first", "second", "third" })
            sink.Emit(new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []));
        ((IDisposable)sink).Dispose();

        Assert.Equal(["second", "third"], console.Written);
    }

    /// <summary>A console sink whose first write fails.</summary>
    private sealed class RefusingFirstLine : ILogEventSink
    {
        private int _calls;

        public List<string> Written { get; } = [];

        public void Emit(LogEvent logEvent)
        {
            if (Interlocked.Increment(ref _calls) == 1)
                throw new IOException("Broken pipe");
            Written.Add(logEvent.MessageTemplate.Text);
        }
    }

    /// <summary>Ten <c>/ml get</c> at once; each must be answered with the backend's card.</summary>
    private static async Task<int> AnswerTenAsync(FakeDiscord discord, int backendId)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            await discord.AnswerAsync(await discord.PushInteractionAsync(SlashCommand("ml", SubCommand("get", Option("backend", backendId)))))));
        foreach (var answer in answers)
            Assert.StartsWith($"🟢 #{backendId} ", answer.Embeds.Single()!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        return answers.Length;
    }

    /// <summary>Reads lines up to the first that contains <paramref name="marker"/>; fails after 30 seconds.</summary>
    private static async Task<List<string>> ReadUntilAsync(StreamReader output, string marker)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await output.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains(marker, StringComparison.Ordinal))
                    return lines;
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what came.
        }

        throw new InvalidOperationException($"The bot printed no line with \"{marker}\" in 30 s; its last lines:\n{string.Join('\n', lines.TakeLast(20))}");
    }

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d WRN\] LabelStudioMl\.Bot\.Hosting\.LogDropReporter: \d+ log events were dropped because standard output was not read fast enough \((?<total>\d+) since start\); the bot went on working$")]
    private static partial Regex DropReport();
}
