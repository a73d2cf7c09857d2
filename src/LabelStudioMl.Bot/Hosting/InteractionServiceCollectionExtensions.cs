using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Features.Audit;
using LabelStudioMl.Bot.Features.Get;
using LabelStudioMl.Bot.Features.Help;
using LabelStudioMl.Bot.Features.List;
using LabelStudioMl.Bot.Features.Manage;
using LabelStudioMl.Bot.Features.Predict;
using LabelStudioMl.Bot.Features.Status;
using LabelStudioMl.Bot.Features.Train;
using LabelStudioMl.Bot.Features.Versions;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>Registers the command set, the dispatcher and what they share.</summary>
internal static class InteractionServiceCollectionExtensions
{
    /// <summary>The commands, dispatcher, presentation and autocomplete catalog (no transport).</summary>
    public static IServiceCollection AddCommandSet(this IServiceCollection services)
    {
        services.AddOptions<CatalogSettings>().BindConfiguration(CatalogSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogSettings>, CatalogSettingsValidator>();
        services.AddOptions<CommandSettings>().BindConfiguration(CommandSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CommandSettings>, CommandSettingsValidator>();
        services.AddSingleton<BackendCatalog>();
        services.AddSingleton<ProjectLookup>();
        services.AddSingleton<BackendPresenter>();
        services.AddSingleton<MlWebhookCleanup>();
        services.AddSingleton<MlHealthProbe>();
        services.AddHttpClient(MlHealthProbe.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => MlHealthProbe.Handler(sp.GetRequiredService<IOptions<CommandSettings>>().Value.ProbePrivateAddresses));
        services.AddSingleton(sp => PageSessionStore.On(sp.GetRequiredService<BotDatabase>(), sp.GetRequiredService<TimeProvider>()));

        // Listed by hand, not found by reflection: the Native AOT binary keeps only what is named here.
        // CommandSetRegistrationTests fails when a command or handler in this assembly is missing from the list.
        services.AddSingleton<ISlashCommand, ListCommand>();
        services.AddSingleton<ISlashCommand, GetCommand>();
        services.AddSingleton<ISlashCommand, VersionsCommand>();
        services.AddSingleton<ISlashCommand, StatusCommand>();
        services.AddSingleton<ISlashCommand, PredictCommand>();
        services.AddSingleton<ISlashCommand, TrainCommand>();
        services.AddSingleton<ISlashCommand, AddCommand>();
        services.AddSingleton<ISlashCommand, UpdateCommand>();
        services.AddSingleton<ISlashCommand, RemoveCommand>();
        services.AddSingleton<ISlashCommand, WatchCommand>();
        services.AddSingleton<ISlashCommand, UnwatchCommand>();
        services.AddSingleton<ISlashCommand, WatchesCommand>();
        services.AddSingleton<ISlashCommand, AuditCommand>();
        services.AddSingleton<ISlashCommand, HelpCommand>();
        services.AddSingleton<IComponentHandler, PageButtonHandler>();
        services.AddSingleton<IComponentHandler, RemoveConfirmationHandler>();
        services.AddSingleton<InteractionAudit>();
        services.AddSingleton(sp => PendingConfirmations.On(sp.GetRequiredService<BotDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ModelVersionCheck>();

        services.AddSingleton<CommandTree>();
        services.AddSingleton<InteractionDispatcher>();
        services.AddSingleton<Replica>();
        services.AddSingleton<InteractionClaims>();
        return services;
    }
}
