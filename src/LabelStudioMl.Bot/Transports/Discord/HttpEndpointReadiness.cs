using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Health;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>The HTTP transport is ready once its endpoint listens and the /ml command is registered (users see it).</summary>
internal sealed class HttpEndpointReadiness(HttpInteractionEndpoint endpoint, CommandRegistrationStatus commands) : ITransportReadiness
{
    public IEnumerable<string> Problems()
    {
        if (endpoint.Address is null)
            yield return "the interactions endpoint is not listening yet";
        if (commands.Problem is { } unregistered)
            yield return $"the /ml command is not registered with Discord yet ({unregistered})";
    }
}
