using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Commands;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Presentation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>Registers the command set, the dispatcher and what they share.</summary>
internal static class InteractionServiceCollectionExtensions
{
    /// <summary>The commands, dispatcher, presentation and autocomplete catalog (no transport).</summary>
    public static IServiceCollection AddCommandSet(this IServiceCollection services)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddOptions<CommandSettings>().BindConfiguration(CommandSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CommandSettings>, CommandSettingsValidator>();
        services.AddSingleton<BackendCatalog>();
        services.AddSingleton<BackendPresenter>();
        services.AddSingleton<PageSessionStore>(sp => new PageSessionStore(sp.GetRequiredService<TimeProvider>()));

        // Every subcommand and button handler in this assembly: adding a file under Commands/ is all it takes.
        foreach (var type in typeof(InteractionDispatcher).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (typeof(ISlashCommand).IsAssignableFrom(type))
                services.AddSingleton(typeof(ISlashCommand), type);
            if (typeof(IComponentHandler).IsAssignableFrom(type))
                services.AddSingleton(typeof(IComponentHandler), type);
        }

        services.AddSingleton<CommandTree>();
        services.AddSingleton<InteractionDispatcher>();
        return services;
    }

    /// <summary>The Discord transport: gateway interactions, command registration and the catalog refresh.</summary>
    public static IServiceCollection AddDiscordTransport(this IServiceCollection services)
    {
        services.AddSingleton<IGatewayDispatchHandler, GatewayInteractionHandler>();
        services.AddHostedService<CommandRegistrationService>();
        services.AddHostedService<BackendCatalogRefresher>();
        return services;
    }
}
