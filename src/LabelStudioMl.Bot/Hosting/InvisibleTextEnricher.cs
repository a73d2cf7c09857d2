using LabelStudioMl.Bot.Discord.Messages;
using Serilog.Core;
using Serilog.Events;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// Removes invisible characters (<see cref="InvisibleText"/>) from the text a log line carries, such as a backend title
/// or Label Studio's error message: a bidirectional override would otherwise reorder the rest of the line in the
/// operator's terminal, and a zero-width character would hide what the line says.
/// </summary>
internal sealed class InvisibleTextEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && InvisibleText.Remove(text) is var visible && !ReferenceEquals(visible, text))
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(visible)));
        }
    }
}
