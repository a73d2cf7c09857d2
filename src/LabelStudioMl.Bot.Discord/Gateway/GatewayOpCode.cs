namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>Gateway opcodes (OPS).</summary>
public enum GatewayOpCode
{
    /// <summary>An event (<c>t</c>, <c>s</c>).</summary>
    Dispatch = 0,

    /// <summary>Heartbeat; answer one from the server at once.</summary>
    Heartbeat = 1,

    /// <summary>Start a session.</summary>
    Identify = 2,

    /// <summary>Update the bot's presence.</summary>
    PresenceUpdate = 3,

    /// <summary>Continue a session.</summary>
    Resume = 6,

    /// <summary>The server asks to reconnect and resume.</summary>
    Reconnect = 7,

    /// <summary>The session is invalid; <c>d</c> tells whether it may be resumed.</summary>
    InvalidSession = 9,

    /// <summary>First message: the heartbeat interval.</summary>
    Hello = 10,

    /// <summary>A heartbeat was received.</summary>
    HeartbeatAck = 11,
}
