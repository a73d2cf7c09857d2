using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Diagnostics;
using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Features.Train;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Transports.Console;
using LabelStudioMl.Bot.Transports.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>Builds the Generic Host with configuration from appsettings.json (next to the binary), environment and command line.</summary>
internal static class BotHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args, ProcessVerb verb)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        var services = builder.Services;
        services.AddBotLogging(builder.Configuration, verb);
        services.AddLabelStudioClient();

        // Only the running bot receives interactions (gateway or HTTP); check and console use Discord's REST API alone.
        services.AddBotAccess();
        services.AddBotTelemetry();
        services.AddCommandSet();
        if (verb == ProcessVerb.Run)
        {
            // Under systemd: Type=notify readiness and stop signals; elsewhere this does nothing.
            services.AddSystemd();
            services.AddHealthEndpoints();
            services.AddDiscordTransport(InteractionEndpointSettings.ModeOf(builder.Configuration));
            services.AddBackendStateWatcher();
        }
        else
        {
            services.AddDiscordRest();
            services.AddHealthSettings();
            if (verb == ProcessVerb.Console)
                services.AddConsoleTransport();
        }
        services.AddBotStorage(watch: verb == ProcessVerb.Run);
        services.AddWatchSubscriptions();
        services.AddNotifications();
        services.AddDiscordShared(deliver: verb == ProcessVerb.Run);
        services.AddTraining(running: verb == ProcessVerb.Run);
        services.AddReplica();
        if (verb == ProcessVerb.Run)
            services.AddLeadership();

        services.AddHostedService<StartupBanner>();
        services.AddSingleton<LabelStudioDoctor>();
        services.AddSingleton<WatchMentionCheck>();
        services.AddSingleton<InteractionEndpointCheck>();
        services.AddSingleton<DiscordCheck>();
        services.AddSingleton<CheckCommand>();
        return builder;
    }
}
