namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// Receives gateway events. Invoked off the receive loop (a slow handler never delays heartbeats), after
/// duplicates replayed by a resume were dropped. Register implementations in DI; each dispatch gets a scope.
/// </summary>
public interface IGatewayDispatchHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="dispatch">The event.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>Completes when handled.</returns>
    ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}
