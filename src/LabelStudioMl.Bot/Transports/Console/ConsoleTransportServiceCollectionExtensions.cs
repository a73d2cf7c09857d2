using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Features.Watch;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// Registers what the <c>console</c> verb changes: after <c>AddDiscordRest()</c>, the console does not need a Discord
/// token; before <c>AddWatchSubscriptions()</c>, the watch commands use the console's stand-in channel (<see cref="ConsoleChannel"/>).
/// </summary>
internal static class ConsoleTransportServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleTransport(this IServiceCollection services)
    {
        services.RemoveAll<IValidateOptions<DiscordSettings>>();
        services.AddSingleton<IValidateOptions<DiscordSettings>, ConsoleDiscordSettingsValidator>();

        // The watch commands use the console's stand-in channel and its own store (registered before the shared one).
        services.TryAddSingleton<WatchMessages>();
        services.AddSingleton<ConsoleChannel>();
        services.TryAddSingleton(provider => provider.GetRequiredService<ConsoleChannel>().Watches);
        return services;
    }
}
