using System.Net;
using LabelStudioMl.Bot.Discord.Telemetry;
using LabelStudioMl.Bot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace LabelStudioMl.Bot.Health;

/// <summary>
/// A small Kestrel server of its own beside the bot: <c>/healthz</c> (the process answers), <c>/readyz</c>
/// (<see cref="Readiness"/>, 503 with the reason when not ready), <c>/metrics</c> (the OpenTelemetry Prometheus
/// exporter) and the <see cref="IHealthRoute"/>s of other parts (the training report). The <c>run</c> verb starts it before the host so a port in use stops the bot with one clear line;
/// starting it again is a no-op.
/// </summary>
internal sealed partial class HealthServer(
    IOptions<HealthSettings> options,
    Readiness readiness,
    MeterProvider meterProvider,
    DiscordTelemetry discordTelemetry,
    IEnumerable<IHealthRoute> routes,
    ILogger<HealthServer> logger)
    : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;

    /// <summary>The address it listens on, once started (the real port when <see cref="HealthSettings.Port"/> is 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_app is null)
                await ListenAsync(settings, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
            await app.StopAsync(cancellationToken);
    }

    public void Dispose()
    {
        (_app as IDisposable)?.Dispose();
        _gate.Dispose();
    }

    private async Task ListenAsync(HealthSettings settings, CancellationToken cancellationToken)
    {
        // The Discord instruments observe the gateway; resolving them here makes sure they exist before a scrape.
        GC.KeepAlive(discordTelemetry);
        var app = KestrelApp.Create(IPAddress.TryParse(settings.Address, out var address) ? address : null, settings.Port);
        app.MapGet("/healthz", context => context.Response.WriteAsync($"ok {BotVersion.Text}\n", context.RequestAborted));
        app.MapGet("/readyz", context =>
        {
            var (ready, text) = readiness.Check();
            context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync(text + "\n", context.RequestAborted);
        });
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider, configureBranchedPipeline: null, optionsName: null);
        foreach (var route in routes)
            route.Map(app);

        Address = await KestrelApp.StartAsync(
            app,
            e => $"The health and metrics server could not listen on {settings.Address}:{settings.Port}: {e.Message} "
                + "Choose another port with Health:Port (environment variable Health__Port), or set Health:Enabled=false.",
            cancellationToken);
        _app = app;
        LogListening(Address);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health and metrics at {Address} (/healthz, /readyz, /metrics)")]
    private partial void LogListening(Uri? address);
}
