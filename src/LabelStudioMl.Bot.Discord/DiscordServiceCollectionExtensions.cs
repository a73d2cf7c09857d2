using System.Text.Json;
using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Discord.Doctor;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using LabelStudioMl.Bot.Discord.Rest.RateLimiting;
using LabelStudioMl.Bot.Discord.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace LabelStudioMl.Bot.Discord;

/// <summary>Registers the Discord layer in a Generic Host.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DiscordSettings"/> from the <c>Discord</c> section (validated at start) and registers the
    /// Refit <see cref="IDiscordRestApi"/> behind the auth and rate-limit handlers, plus <see cref="CommandRegistrar"/>
    /// and <see cref="DiscordDoctor"/> and <see cref="DiscordTelemetry"/>. A <see cref="TimeProvider"/> registered in DI is
    /// used when present.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddDiscordRest(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DiscordSettings>().BindConfiguration(DiscordSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordSettings>, DiscordSettingsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DiscordRateLimitState(
            sp.GetRequiredService<IOptions<DiscordSettings>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DiscordRateLimitState>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddMetrics();
        services.TryAddSingleton<CommandRegistrationStatus>();
        services.TryAddSingleton(sp => new DiscordTelemetry(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<CommandRegistrationStatus>(), sp.GetService<GatewaySession>()));
        services.TryAddTransient<DiscordAuthHandler>();
        services.TryAddTransient<RateLimitHandler>();

        var settings = new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(DiscordJsonContext.Default.Options)));
        services.AddRefitGeneratedClient<IDiscordRestApi>(settings)
            .ConfigureHttpClient((sp, client) =>
            {
                var discord = sp.GetRequiredService<IOptions<DiscordSettings>>().Value;
                client.BaseAddress = new Uri(discord.ApiBaseUrl.TrimEnd('/'));
                client.Timeout = discord.RequestTimeout;
            })
            .AddHttpMessageHandler<DiscordAuthHandler>()
            .AddHttpMessageHandler<RateLimitHandler>();

        // Transient like the typed client they use, so HttpClientFactory can recycle handlers (DNS changes).
        services.TryAddTransient<CommandRegistrar>();
        services.TryAddTransient<DiscordDoctor>();
        return services;
    }

    /// <summary>
    /// Registers the <see cref="GatewaySession"/> (also as <see cref="IGatewayStatus"/>) and the
    /// <see cref="GatewayHostedService"/> that keeps it connected. Register <see cref="IGatewayDispatchHandler"/>s
    /// to receive events. Calls <see cref="AddDiscordRest"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDiscordRest();
        services.TryAddSingleton<GatewaySession>();
        services.TryAddSingleton<IGatewayStatus>(sp => sp.GetRequiredService<GatewaySession>());
        services.AddHostedService<GatewayHostedService>();
        return services;
    }
}
