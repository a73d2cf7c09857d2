using LabelStudioMl.Bot.Discord.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// Registers the <c>/ml</c> command at start, only when Discord's copy differs (creates are rate-limited per day).
/// A failure here is logged and never stops the bot: commands already registered keep working.
/// </summary>
internal sealed class CommandRegistrationService(CommandTree tree, CommandRegistrar registrar, ILogger<CommandRegistrationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registrar.RegisterAsync(tree.ToDiscord(), stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "The /ml command could not be registered with Discord; users will not see it until it is. Run `check` for the cause.");
        }
    }
}
