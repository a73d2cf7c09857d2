using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Storage;

/// <summary>Registers the SQLite store and what lives in it.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <param name="services">The host's services.</param>
    /// <param name="watch">Adds the watchdog that finds a read-only, full or deleted store (the running bot).</param>
    public static IServiceCollection AddBotStorage(this IServiceCollection services, bool watch)
    {
        services.AddMetrics();
        services.AddOptions<StorageSettings>().BindConfiguration(StorageSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageSettings>, StorageSettingsValidator>());
        services.TryAddSingleton<StoreHealth>();
        services.TryAddSingleton<BotDatabase>();
        services.TryAddSingleton<AuditLog>();
        if (watch)
            services.AddHostedService<StoreWatchdog>();
        return services;
    }
}
