using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// Keeps the <see cref="GatewaySession"/> alive for the life of the process; on shutdown the session closes with
/// 1000. A fatal close (bad token, disallowed intents) stops the host when
/// <see cref="DiscordSettings.StopApplicationOnFatalError"/> is set.
/// </summary>
/// <param name="session">The session.</param>
/// <param name="lifetime">Stopped on fatal errors.</param>
/// <param name="options">Whether fatal errors stop the host.</param>
public sealed class GatewayHostedService(GatewaySession session, IHostApplicationLifetime lifetime, IOptions<DiscordSettings> options) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await session.RunAsync(stoppingToken);
        if (!stoppingToken.IsCancellationRequested && options.Value.StopApplicationOnFatalError)
            lifetime.StopApplication();
    }
}
