using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>Registers the Discord transport.</summary>
internal static class DiscordTransportServiceCollectionExtensions
{
    /// <summary>
    /// The Discord transport of the running bot: interactions from the gateway or from the HTTP endpoint
    /// (<paramref name="mode"/>), command registration and the catalog refresh. Registers the Discord layer's gateway
    /// session only in gateway mode; the HTTP mode needs REST alone, notifications included.
    /// </summary>
    public static IServiceCollection AddDiscordTransport(this IServiceCollection services, InteractionMode mode)
    {
        services.AddSingleton<InFlightInteractions>();
        services.AddHostedService(sp => sp.GetRequiredService<InFlightInteractions>());
        services.AddSingleton<DiscordInteractionRouter>();
        if (mode == InteractionMode.Http)
        {
            services.AddDiscordRest();
            services.AddSingleton<HttpInteractionEndpoint>();
            services.AddHostedService(sp => sp.GetRequiredService<HttpInteractionEndpoint>());
            services.AddSingleton<ITransportReadiness, HttpEndpointReadiness>();
        }
        else
        {
            services.AddDiscordGateway();
            services.AddSingleton<IGatewayDispatchHandler, GatewayInteractionHandler>();
            services.AddSingleton<ITransportReadiness, GatewayReadiness>();
        }

        services.AddHostedService<CommandRegistrationService>();
        services.AddHostedService<BackendCatalogRefresher>();
        return services;
    }

    /// <summary>
    /// What every verb needs of Discord: the /ml registration (check compares it), server roles (for role names in the
    /// access settings) and posts stored as Discord messages
    /// (a console or check on a running bot's store queues what the bot will send); <paramref name="deliver"/> adds the
    /// sender, for the running bot alone. Registered after the store, so the sender starts once the store is ready and
    /// stops before it.
    /// </summary>
    public static IServiceCollection AddDiscordShared(this IServiceCollection services, bool deliver)
    {
        // Every verb checks the interaction settings, so check and console report a wrong HTTP mode too.
        services.AddOptions<InteractionEndpointSettings>().BindConfiguration(InteractionEndpointSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InteractionEndpointSettings>, InteractionEndpointSettingsValidator>();
        services.AddSingleton<IPostFormat, DiscordPostFormat>();
        services.AddSingleton<DiscordCommands>();
        services.AddSingleton<IGuildRoleSource, DiscordGuildRoles>();
        if (deliver)
            services.AddLeaderWork<NotificationSender>();
        return services;
    }
}
