using System.Diagnostics.Metrics;
using LabelStudioMl.Bot.Discord.Telemetry;
using LabelStudioMl.Bot.LabelStudio.Telemetry;
using LabelStudioMl.Bot.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LabelStudioMl.Bot.Health;

/// <summary>Registers the metrics every verb records and the endpoints the running bot serves.</summary>
internal static class HealthServiceCollectionExtensions
{
    /// <summary>.NET's own meter of process and runtime metrics (<c>dotnet.process.memory.working_set</c>, <c>dotnet.gc.*</c>, …).</summary>
    private const string RuntimeMeterName = "System.Runtime";

    /// <summary>
    /// Series kept per metric. OpenTelemetry allocates room for the limit up front for every metric (2,000 series by
    /// default: about 140 KiB for each metric, some 4 MiB of heap over the bot's and the runtime's). The largest here is
    /// <c>labelstudio_requests_total</c> (route templates × statuses, about 150 at most); series past the limit are
    /// summed under <c>otel_metric_overflow="true"</c>, never lost.
    /// </summary>
    private static readonly MetricStreamConfiguration Kept = new() { CardinalityLimit = 256 };

    /// <summary>The product's meter (commands); recorded by every verb, exported only by <see cref="AddHealthEndpoints"/>.</summary>
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<BotTelemetry>();
        return services;
    }

    /// <summary>
    /// The <c>Health</c> settings alone: every verb validates them, so <c>check</c> refuses what the running bot would.
    /// </summary>
    public static IServiceCollection AddHealthSettings(this IServiceCollection services)
    {
        services.AddOptions<HealthSettings>().BindConfiguration(HealthSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthSettings>, HealthSettingsValidator>());
        return services;
    }

    /// <summary>
    /// The <c>Health</c> settings, readiness, the OpenTelemetry metrics of the three meters and of the runtime (memory,
    /// GC, thread pool, CPU: .NET's <c>System.Runtime</c> meter) with the Prometheus exporter, and the
    /// <see cref="HealthServer"/> (also resolvable on its own, so the <c>run</c> verb can start it first).
    /// </summary>
    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddHealthSettings();
        services.AddSingleton<Readiness>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("labelstudio-ml-bot", serviceVersion: typeof(BotTelemetry).Assembly.GetName().Version?.ToString(3)))
            .WithMetrics(metrics => metrics
            .AddMeter(BotTelemetry.MeterName, DiscordTelemetry.MeterName, LabelStudioTelemetry.MeterName, RuntimeMeterName)
            .AddPrometheusExporter());

        // Meters are matched by name process-wide; only this host's (made by its own factory) are exported, so hosts
        // side by side in one process (tests, the sandbox) never mix their numbers. The runtime's meter describes the
        // whole process, which is what it is read for.
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            var own = sp.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument =>
                ReferenceEquals(instrument.Meter.Scope, own) || instrument.Meter.Name == RuntimeMeterName ? Kept : MetricStreamConfiguration.Drop);
        });
        services.AddSingleton<HealthServer>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthServer>());
        return services;
    }
}
