using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Replicas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>Registers channel subscriptions and the backend state watcher.</summary>
internal static class WatchServiceCollectionExtensions
{
    /// <summary>The settings and the store of subscriptions (the watch commands need them in every process verb).</summary>
    public static IServiceCollection AddWatchSubscriptions(this IServiceCollection services)
    {
        services.AddOptions<WatchSettings>().BindConfiguration(WatchSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WatchSettings>, WatchSettingsValidator>());
        services.TryAddSingleton<WatchStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelUnusableHandler, WatchChannelDisabler>());
        return services;
    }

    /// <summary>The watcher that polls Label Studio and posts alerts (the running bot's leader only).</summary>
    public static IServiceCollection AddBackendStateWatcher(this IServiceCollection services)
    {
        services.TryAddSingleton<WatchMessages>();
        services.AddLeaderWork<BackendStateWatcher>();
        return services;
    }
}
