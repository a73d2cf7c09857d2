using LabelStudioMl.Bot.Discord.Commands;
using Microsoft.Extensions.Hosting;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// Registers the <c>/ml</c> command at start, only when Discord's copy differs (creates are rate-limited per day),
/// and keeps trying with backoff while Discord cannot be reached; <c>/readyz</c> says not ready until it is. A failure
/// never stops the bot: commands already registered keep working.
/// </summary>
internal sealed class CommandRegistrationService(DiscordCommands commands, CommandRegistrar registrar) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registrar.RegisterUntilDoneAsync(commands.Registration(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The bot is stopping.
        }
    }
}
