using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Health;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>The gateway transport is ready once its session is READY and the /ml command is registered (users see it).</summary>
internal sealed class GatewayReadiness(IGatewayStatus gateway, CommandRegistrationStatus commands) : ITransportReadiness
{
    public IEnumerable<string> Problems()
    {
        if (gateway.State != GatewayState.Ready)
            yield return $"the Discord gateway is {gateway.State}, not Ready" + (gateway.StopReason is { } reason ? $" ({reason})" : "");
        if (commands.Problem is { } unregistered)
            yield return $"the /ml command is not registered with Discord yet ({unregistered})";
    }
}
