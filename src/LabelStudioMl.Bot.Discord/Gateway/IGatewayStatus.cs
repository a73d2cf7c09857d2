using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>The gateway session's health, for health checks and the <c>check</c> verb.</summary>
public interface IGatewayStatus
{
    /// <summary>The current state.</summary>
    GatewayState State { get; }

    /// <summary>Why the session stopped (with the fix, for fatal close codes); null while running.</summary>
    string? StopReason { get; }

    /// <summary>
    /// Whether Discord ended the session for good (a wrong token, intents the application may not use…): a restart
    /// cannot help, <see cref="StopReason"/> says what to fix.
    /// </summary>
    bool StoppedByDiscord { get; }

    /// <summary>Time between the last heartbeat and its ACK.</summary>
    TimeSpan? HeartbeatRoundTrip { get; }

    /// <summary>When the last message arrived from the gateway.</summary>
    DateTimeOffset? LastEventAt { get; }

    /// <summary>The application id from READY.</summary>
    Snowflake? ApplicationId { get; }

    /// <summary>The bot user from READY.</summary>
    User? BotUser { get; }
}
