using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudioMl.Bot.Notifications;

/// <summary>Registers the outbox and, for the running bot, its sender.</summary>
internal static class NotificationServiceCollectionExtensions
{
    /// <summary>The outbox (every verb can queue); <paramref name="deliver"/> adds the sender that posts to Discord.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, bool deliver)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotificationOutbox>();
        if (deliver)
            services.AddHostedService<NotificationSender>();
        return services;
    }
}
