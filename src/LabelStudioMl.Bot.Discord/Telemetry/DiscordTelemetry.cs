using System.Diagnostics.Metrics;
using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Discord.Gateway;

namespace LabelStudioMl.Bot.Discord.Telemetry;

/// <summary>
/// Metrics of the Discord layer (meter <see cref="MeterName"/>): rate-limit waits
/// (<c>discord.ratelimit.wait.duration</c>, by route template and scope), whether the commands are registered
/// (<c>discord.commands.registered</c>, 1 or 0) and, when a gateway session is registered,
/// its state (<c>discord.gateway.state</c>, 1 for the current state and 0 for the others) and reconnects
/// (<c>discord.gateway.reconnects</c>, by mode: resume or new session).
/// </summary>
public sealed class DiscordTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "LabelStudioMl.Bot.Discord";

    private static readonly double[] WaitBuckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

    private readonly Histogram<double> _rateLimitWaits;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    /// <param name="meters">The host's meter factory.</param>
    /// <param name="commands">Whether the commands are registered.</param>
    /// <param name="gateway">The gateway session, when this process runs one.</param>
    public DiscordTelemetry(IMeterFactory meters, CommandRegistrationStatus commands, GatewaySession? gateway = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(commands);
        var meter = meters.Create(MeterName);
        _rateLimitWaits = meter.CreateHistogram("discord.ratelimit.wait.duration", "s", "Waits imposed by Discord's 429 answers, by route and scope.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
        meter.CreateObservableGauge("discord.commands.registered", () => commands.IsRegistered ? 1 : 0, "1",
            "1 once the bot's commands are registered with Discord, 0 while they are not (yet).");
        if (gateway is null)
            return;

        meter.CreateObservableGauge("discord.gateway.state", () => States(gateway.State), "{state}", "The gateway session's state: 1 for the current one.");
        meter.CreateObservableCounter("discord.gateway.reconnects", () => Reconnects(gateway), "{reconnect}", "Connections after the first: resumes and new sessions.");
    }

    /// <summary>Records a wait that a 429 answer imposed.</summary>
    /// <param name="route">The route template (ids and tokens replaced).</param>
    /// <param name="scope">Discord's scope: global, user, shared or route.</param>
    /// <param name="wait">How long the request waits before its retry.</param>
    public void RateLimitWait(string route, string scope, TimeSpan wait) =>
        _rateLimitWaits.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("scope", scope));

    private static IEnumerable<Measurement<int>> States(GatewayState current) =>
        Enum.GetValues<GatewayState>().Select(s => new Measurement<int>(s == current ? 1 : 0, new KeyValuePair<string, object?>("state", s.ToString())));

    private static Measurement<long>[] Reconnects(GatewaySession gateway) =>
    [
        new(gateway.ResumeCount, new KeyValuePair<string, object?>("mode", "resume")),
        new(Math.Max(0, gateway.IdentifyCount - 1), new KeyValuePair<string, object?>("mode", "new_session")),
    ];
}
