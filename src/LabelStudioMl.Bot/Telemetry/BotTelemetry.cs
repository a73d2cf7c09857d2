using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LabelStudioMl.Bot.Telemetry;

/// <summary>
/// The product's metrics (meter <see cref="MeterName"/>): commands and button presses by command and outcome, and
/// their duration. The
/// notifications record <c>bot.notifications.sent</c> and <c>bot.notifications.failed</c> on the same meter.
/// </summary>
internal sealed class BotTelemetry
{
    public const string MeterName = "LabelStudioMl.Bot";

    private static readonly double[] DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _presses;
    private readonly Histogram<double> _pressDuration;

    public BotTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _commands = meter.CreateCounter<long>("bot.commands", "{command}", "Slash commands run, by command and outcome.");
        _duration = meter.CreateHistogram("bot.command.duration", "s", "Time from receiving a command to its final answer, by command and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _presses = meter.CreateCounter<long>("bot.buttons", "{press}", "Button presses, by the command whose reply carried the button and outcome.");
        _pressDuration = meter.CreateHistogram("bot.button.duration", "s", "Time from receiving a button press to its final answer, by command and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <param name="command">The subcommand's name (<c>unknown</c> for names the bot does not have).</param>
    /// <param name="outcome">ok, denied, invalid_input, failed (Label Studio said no), store_fault (the store could not be used), error (unexpected) or unknown.</param>
    /// <param name="elapsed">Time until the final answer.</param>
    public void CommandFinished(string command, string outcome, TimeSpan elapsed) => Record(_commands, _duration, command, outcome, elapsed);

    /// <param name="command">The command whose reply carried the button (<c>list</c>, <c>remove</c>; <c>unknown</c> for buttons no handler knows).</param>
    /// <param name="outcome">As for commands, plus canceled and expired (a page or prompt already gone).</param>
    /// <param name="elapsed">Time until the final answer.</param>
    public void ButtonPressed(string command, string outcome, TimeSpan elapsed) => Record(_presses, _pressDuration, command, outcome, elapsed);

    private static void Record(Counter<long> count, Histogram<double> duration, string command, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "command", command }, { "outcome", outcome } };
        count.Add(1, tags);
        duration.Record(elapsed.TotalSeconds, tags);
    }
}
