using System.Diagnostics;

namespace LabelStudioMl.Bot.LabelStudio.Telemetry;

/// <summary>Times every attempt of a Label Studio call and records it in <see cref="LabelStudioTelemetry"/>.</summary>
/// <param name="telemetry">Where the call is recorded.</param>
public sealed class LabelStudioMetricsHandler(LabelStudioTelemetry telemetry) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = LabelStudioTelemetry.Endpoint(request.Method, request.RequestUri);
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            telemetry.Record(endpoint, status, Stopwatch.GetElapsedTime(started));
        }
    }
}
