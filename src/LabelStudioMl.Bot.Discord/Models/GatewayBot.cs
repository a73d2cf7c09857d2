namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>The answer of <c>GET /gateway/bot</c>.</summary>
public sealed record GatewayBot
{
    /// <summary>The WebSocket URL to open fresh sessions on.</summary>
    public string Url { get; init; } = "";

    /// <summary>Recommended shard count.</summary>
    public int Shards { get; init; }

    /// <summary>The identify budget.</summary>
    public SessionStartLimit? SessionStartLimit { get; init; }
}

/// <summary>How many sessions may still be started (GW "Session Start Limit Object").</summary>
public sealed record SessionStartLimit
{
    /// <summary>Session starts allowed per day.</summary>
    public int Total { get; init; }

    /// <summary>Session starts left.</summary>
    public int Remaining { get; init; }

    /// <summary>Milliseconds until <see cref="Remaining"/> resets.</summary>
    public long ResetAfter { get; init; }

    /// <summary>Identifies allowed per 5 seconds.</summary>
    public int MaxConcurrency { get; init; } = 1;
}
