using LabelStudioMl.Bot.Discord.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Refit;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>Registers the <c>/ml</c> command at start, only when Discord's copy differs (creates are rate-limited per day).</summary>
internal sealed class CommandRegistrationService(CommandTree tree, CommandRegistrar registrar, ILogger<CommandRegistrationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registrar.RegisterAsync(tree.ToDiscord(), stoppingToken);
        }
        catch (Exception e) when (e is ApiExceptionBase or HttpRequestException or InvalidApplicationCommandException)
        {
            logger.LogError(e, "The /ml command could not be registered with Discord; users will not see it until it is. Run `check` for the cause.");
        }
    }
}
