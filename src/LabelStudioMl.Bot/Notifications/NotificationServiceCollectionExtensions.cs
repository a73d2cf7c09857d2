using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudioMl.Bot.Notifications;

/// <summary>Registers the outbox; the transport that delivers it registers its <see cref="IPostFormat"/> and sender.</summary>
internal static class NotificationServiceCollectionExtensions
{
    /// <summary>The outbox (every verb can queue).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotificationOutbox>();
        return services;
    }
}
