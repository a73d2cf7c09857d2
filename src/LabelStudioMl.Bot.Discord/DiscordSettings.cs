namespace LabelStudioMl.Bot.Discord;

/// <summary>The <c>Discord</c> configuration section.</summary>
public sealed class DiscordSettings
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Discord";

    /// <summary>The bot token from the Discord developer portal (sent as <c>Authorization: Bot &lt;token&gt;</c>).</summary>
    public string Token { get; set; } = "";

    /// <summary>REST base URL; a proxy or a test server may stand here. The gateway URL comes from <c>GET /gateway/bot</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Optional guild id: commands are registered to this guild (instant) instead of globally.</summary>
    public string? GuildId { get; set; }

    /// <summary>Gateway intents; 0 is enough for slash commands (INTERACTION_CREATE needs no intent).</summary>
    public int Intents { get; set; }

    /// <summary>Optional shard id; set together with <see cref="ShardCount"/> to identify with <c>[id, count]</c>.</summary>
    public int? ShardId { get; set; }

    /// <summary>Optional shard count.</summary>
    public int? ShardCount { get; set; }

    /// <summary>First delay between failed reconnects; doubles (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between reconnects; attempts themselves are never capped.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest random wait before identifying again after op 9 with <c>d:false</c> (1/5 of it at least).</summary>
    public TimeSpan InvalidSessionMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The identify concurrency window (GW: <c>max_concurrency</c> identifies per 5 s).</summary>
    public TimeSpan IdentifyWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening the WebSocket and receiving Hello may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a graceful close may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Client→gateway messages per <see cref="GatewaySendWindow"/> (120 per 60 s, heartbeats included).</summary>
    public int GatewaySendLimit { get; set; } = 120;

    /// <summary>The window of <see cref="GatewaySendLimit"/>.</summary>
    public TimeSpan GatewaySendWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Dispatches handled at once; handler work never runs on the receive loop. A handler should hold its worker only
    /// briefly: the bot's interaction handler lets go once the interaction is acknowledged, and the command runs on.
    /// </summary>
    public int DispatchConcurrency { get; set; } = 256;

    /// <summary>Whether a fatal gateway close (bad token, disallowed intents…) stops the host.</summary>
    public bool StopApplicationOnFatalError { get; set; } = true;

    /// <summary>REST requests per second outside interaction endpoints (Discord's global limit: 50).</summary>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>How often a 429 is waited out and retried before it is returned to the caller.</summary>
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>
    /// How often a call that is safe to repeat (GET, PUT, PATCH, DELETE, the interaction callback, a message with an
    /// enforced nonce) is tried again after Discord answered 5xx; other POSTs are never repeated.
    /// </summary>
    public int MaxServerErrorRetries { get; set; } = 3;

    /// <summary>The wait before the first repeat after a 5xx; it doubles (with jitter) for each further one.</summary>
    public TimeSpan ServerErrorRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest one REST call may take, its rate-limit waits and repeats included. A 429 asking for a longer wait
    /// fails at once with that wait named. Interaction callbacks have Discord's 3 seconds instead.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Warn each time this many 401/403/429 answers accumulate within 10 minutes (ban at 10,000).</summary>
    public int InvalidRequestWarningThreshold { get; set; } = 1000;
}
