namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>The bot's application (<c>GET /applications/@me</c>, or the partial one in READY).</summary>
public sealed record Application
{
    /// <summary>The application id (used in command and webhook paths).</summary>
    public Snowflake Id { get; init; }

    /// <summary>The application name (absent in READY).</summary>
    public string? Name { get; init; }

    /// <summary>Application flags.</summary>
    public long? Flags { get; init; }

    /// <summary>The hex-encoded Ed25519 public key that signs the interactions Discord posts to the endpoint (absent in READY).</summary>
    public string? VerifyKey { get; init; }

    /// <summary>Where Discord posts interactions (the portal's Interactions Endpoint URL); null while it uses the gateway.</summary>
    public string? InteractionsEndpointUrl { get; init; }
}
