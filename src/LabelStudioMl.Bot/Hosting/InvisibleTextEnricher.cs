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
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            // Remove returns the same string when there is nothing to take out (the common case: no allocation).
            if (value is ScalarValue { Value: string text } && InvisibleText.Remove(text) is var visible && !ReferenceEquals(visible, text))
                (changed ??= []).Add(new LogEventProperty(name, new ScalarValue(visible)));
        }

        foreach (var property in changed ?? [])
            logEvent.AddOrUpdateProperty(property);
    }
}
