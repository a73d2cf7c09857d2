using LabelStudioMl.Bot.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.ConsoleTransport;

/// <summary>Registers what the <c>console</c> verb changes: after <c>AddDiscordRest()</c>, the console does not need a Discord token.</summary>
internal static class ConsoleTransportServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleTransport(this IServiceCollection services)
    {
        services.RemoveAll<IValidateOptions<DiscordOptions>>();
        services.AddSingleton<IValidateOptions<DiscordOptions>, ConsoleDiscordOptionsValidator>();
        return services;
    }
}
