namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>Where the gateway session stands.</summary>
public enum GatewayState
{
    /// <summary>Not started yet.</summary>
    NotStarted,

    /// <summary>Opening a connection for a new session (Identify).</summary>
    Connecting,

    /// <summary>Opening a connection to continue the session (Resume).</summary>
    Resuming,

    /// <summary>READY or RESUMED seen: events flow.</summary>
    Ready,

    /// <summary>Waiting before the next attempt.</summary>
    WaitingToReconnect,

    /// <summary>Stopped for good; see <see cref="IGatewayStatus.StopReason"/>.</summary>
    Stopped,
}
