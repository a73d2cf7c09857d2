using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace LabelStudioMl.Bot.LabelStudio.Telemetry;

/// <summary>
/// Metrics of the calls to Label Studio (meter <see cref="MeterName"/>): <c>labelstudio.requests</c> and
/// <c>labelstudio.request.duration</c>, both tagged with the endpoint as a route template (never the raw URL) and the
/// status; and when Label Studio last answered, for readiness checks.
/// </summary>
public sealed class LabelStudioTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "LabelStudioMl.Bot.LabelStudio";

    /// <summary>The <c>status</c> tag of a call that got no HTTP answer (refused, timed out, cancelled).</summary>
    public const string NoAnswer = "no_answer";

    private static readonly double[] DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly TimeProvider _time;
    private long _lastAnswerUnixMs = -1;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    /// <param name="meters">The host's meter factory.</param>
    /// <param name="time">Clock for <see cref="LastAnswerAt"/>.</param>
    public LabelStudioTelemetry(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("labelstudio.requests", "{request}", "Calls to Label Studio by endpoint and status.");
        _duration = meter.CreateHistogram("labelstudio.request.duration", "s", "Time Label Studio took to answer, by endpoint and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>
    /// When Label Studio last gave an answer that shows it works for the bot: any status below 500 except 401 and 403
    /// (a 404 for a wrong id is still Label Studio answering). Null until then.
    /// </summary>
    public DateTimeOffset? LastAnswerAt => Interlocked.Read(ref _lastAnswerUnixMs) is var ms and >= 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Records one call.</summary>
    /// <param name="endpoint">Method and route template, e.g. <c>GET /api/ml/{id}</c>.</param>
    /// <param name="status">The HTTP status, or null when no answer came.</param>
    /// <param name="elapsed">How long the call took.</param>
    public void Record(string endpoint, int? status, TimeSpan elapsed)
    {
        var statusTag = status?.ToString(CultureInfo.InvariantCulture) ?? NoAnswer;
        var tags = new TagList { { "endpoint", endpoint }, { "status", statusTag } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
        if (status is < 500 and not 401 and not 403)
            Interlocked.Exchange(ref _lastAnswerUnixMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// The endpoint of a request as a route template: method and path with every numeric segment replaced by
    /// <c>{id}</c>, without the query (which may name projects or titles).
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The request URI.</param>
    /// <returns>E.g. <c>POST /api/ml/{id}/train</c>.</returns>
    public static string Endpoint(HttpMethod method, Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        var path = uri is null ? "/" : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var segments = path.Split('/').Select(s => s.Length > 0 && s.All(char.IsAsciiDigit) ? "{id}" : s);
        return $"{method.Method} {string.Join('/', segments)}";
    }
}
