using System.Text.Json;

namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A gateway message as received: <c>{"op", "d", "s", "t"}</c> (<c>s</c> and <c>t</c> only on dispatches).</summary>
public sealed record GatewayPayload
{
    /// <summary>The opcode.</summary>
    public int Op { get; init; }

    /// <summary>The event data (kept raw; parsed by opcode).</summary>
    public JsonElement? D { get; init; }

    /// <summary>Sequence number of a dispatch.</summary>
    public long? S { get; init; }

    /// <summary>Event name of a dispatch.</summary>
    public string? T { get; init; }
}

/// <summary>The data of op 10 Hello.</summary>
public sealed record GatewayHello
{
    /// <summary>Milliseconds between heartbeats.</summary>
    public int HeartbeatInterval { get; init; }
}

/// <summary>The data of the READY dispatch.</summary>
public sealed record GatewayReady
{
    /// <summary>Gateway version.</summary>
    public int V { get; init; }

    /// <summary>The bot user.</summary>
    public User? User { get; init; }

    /// <summary>Resume with this session.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>Resume on this URL.</summary>
    public string? ResumeGatewayUrl { get; init; }

    /// <summary>The shard <c>[id, count]</c>.</summary>
    public IReadOnlyList<int>? Shard { get; init; }

    /// <summary>The partial application (<c>id</c>, <c>flags</c>).</summary>
    public Application? Application { get; init; }
}

/// <summary>The data of op 2 Identify.</summary>
public sealed record GatewayIdentify
{
    /// <summary>The raw bot token (no <c>Bot </c> prefix).</summary>
    public string Token { get; init; } = "";

    /// <summary>Gateway intents (0: interactions need none).</summary>
    public int Intents { get; init; }

    /// <summary>Connection properties.</summary>
    public GatewayIdentifyProperties Properties { get; init; } = new();

    /// <summary>The shard <c>[id, count]</c>, when sharding.</summary>
    public IReadOnlyList<int>? Shard { get; init; }

    /// <summary>Member-list threshold (50–250).</summary>
    public int? LargeThreshold { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        // The token never reaches a log line, even when someone logs the payload.
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Token = <redacted>, Intents = {Intents}, Shard = {(Shard is null ? "none" : string.Join('/', Shard))}");
        return true;
    }
}

/// <summary>Identify properties (non-<c>$</c> names).</summary>
public sealed record GatewayIdentifyProperties
{
    /// <summary>Operating system.</summary>
    public string Os { get; init; } = Environment.OSVersion.Platform.ToString().ToLowerInvariant();

    /// <summary>Library name.</summary>
    public string Browser { get; init; } = "LabelStudioMl.Bot.Discord";

    /// <summary>Library name.</summary>
    public string Device { get; init; } = "LabelStudioMl.Bot.Discord";
}

/// <summary>The data of op 6 Resume.</summary>
public sealed record GatewayResume
{
    /// <summary>The raw bot token.</summary>
    public string Token { get; init; } = "";

    /// <summary>The session to resume.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>The last sequence number received.</summary>
    public long? Seq { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Token = <redacted>, SessionId = {SessionId}, Seq = {Seq}");
        return true;
    }
}
