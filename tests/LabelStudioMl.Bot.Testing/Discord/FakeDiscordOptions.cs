namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>Settings of a <see cref="FakeDiscord"/>; the defaults suit fast tests.</summary>
public sealed record FakeDiscordOptions
{
    /// <summary>The token the fake accepts (a well-formed, made-up bot token).</summary>
    public string BotToken { get; init; } = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gfake1.fake-bot-token-for-tests-only_0123456789";

    /// <summary>The heartbeat interval sent in Hello.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Client messages allowed per <see cref="GatewaySendWindow"/> before closing with 4008.</summary>
    public int GatewaySendLimit { get; init; } = 120;

    /// <summary>The send-limit window (shorter than Discord's 60 s because test heartbeats are fast).</summary>
    public TimeSpan GatewaySendWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The application id.</summary>
    public string ApplicationId { get; init; } = "1100000000000000002";

    /// <summary>The bot user's id.</summary>
    public string BotUserId { get; init; } = "1100000000000000001";

    /// <summary>The bot user's name.</summary>
    public string BotUserName { get; init; } = "mlops-bot";

    /// <summary>The application's name.</summary>
    public string ApplicationName { get; init; } = "MLOps Bot";

    /// <summary>The guild interactions come from.</summary>
    public string GuildId { get; init; } = "1100000000000000100";

    /// <summary><c>session_start_limit.max_concurrency</c>.</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary><c>session_start_limit.remaining</c> at start.</summary>
    public int SessionStartRemaining { get; init; } = 1000;

    /// <summary>Requests per <see cref="RouteWindow"/> in each route bucket (answered with a route 429 beyond).</summary>
    public int RouteLimit { get; init; } = 50;

    /// <summary>The route bucket window.</summary>
    public TimeSpan RouteWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests per second outside interaction endpoints (answered with a global 429 beyond).</summary>
    public int GlobalLimitPerSecond { get; init; } = 50;

    /// <summary>How long an interaction may wait for its initial callback (Discord: 3 s).</summary>
    public TimeSpan InteractionResponseDeadline { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many already-delivered dispatches a resume replays again (Discord delivers at least once).</summary>
    public int ReplayOverlap { get; init; }

    /// <summary>When set, every gateway message is sent in WebSocket frames of at most this many bytes (clients must assemble them).</summary>
    public int? MaxFrameBytes { get; init; }
}
