using Serilog.Core;
using Serilog.Events;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// HttpClientFactory's header events (<c>RequestHeader</c>, <c>ResponseHeader</c>) mask every header value in their
/// message, but also carry each header as a structured property with its raw value: the JSON format writes those
/// properties, and with them the Discord token, the Label Studio key or access token and basic-auth credentials. This
/// keeps the masked message and drops the raw header properties from those events.
/// </summary>
internal sealed class HeaderValuesEnricher : ILogEventEnricher
{
    /// <summary>The property HttpClientFactory names after its header list; only its header events have it.</summary>
    private const string HeaderList = "HttpHeadersLogValue";

    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        HeaderList, "EventId", "SourceContext", "HttpMethod", "Uri", "Scope",
    };

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (!logEvent.Properties.ContainsKey(HeaderList))
            return;
        foreach (var name in logEvent.Properties.Keys.Where(name => !Kept.Contains(name)).ToList())
            logEvent.RemovePropertyIfPresent(name);
    }
}
