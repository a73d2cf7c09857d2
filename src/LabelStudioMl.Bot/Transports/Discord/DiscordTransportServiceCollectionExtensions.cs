using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>Registers the Discord transport.</summary>
internal static class DiscordTransportServiceCollectionExtensions
{
    /// <summary>The Discord transport: gateway interactions, command registration and the catalog refresh.</summary>
    public static IServiceCollection AddDiscordTransport(this IServiceCollection services)
    {
        services.AddSingleton<InFlightInteractions>();
        services.AddHostedService(sp => sp.GetRequiredService<InFlightInteractions>());
        services.AddSingleton<IGatewayDispatchHandler, GatewayInteractionHandler>();
        services.AddHostedService<CommandRegistrationService>();
        services.AddHostedService<BackendCatalogRefresher>();
        return services;
    }

    /// <summary>
    /// Posts are stored as Discord messages by every verb (a console or check on a running bot's store queues what
    /// the bot will send); <paramref name="deliver"/> adds the sender, for the running bot alone. Registered after the
    /// store, so the sender starts once the store is ready and stops before it.
    /// </summary>
    public static IServiceCollection AddDiscordPosts(this IServiceCollection services, bool deliver)
    {
        services.AddSingleton<IPostFormat, DiscordPostFormat>();
        if (deliver)
            services.AddHostedService<NotificationSender>();
        return services;
    }
}
