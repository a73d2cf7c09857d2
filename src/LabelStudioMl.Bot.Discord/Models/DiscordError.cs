using System.Text.Json;

namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A Discord JSON error body: branch on <see cref="Code"/>, never on the message.</summary>
public sealed record DiscordError
{
    /// <summary>The JSON error code (e.g. 10062 unknown interaction, 50035 invalid form body).</summary>
    public int Code { get; init; }

    /// <summary>Human-readable message.</summary>
    public string? Message { get; init; }

    /// <summary>Nested field errors mirroring the request JSON.</summary>
    public JsonElement? Errors { get; init; }

    /// <summary>On 429: seconds to wait (float).</summary>
    public double? RetryAfter { get; init; }

    /// <summary>On 429: whether the global limit was hit.</summary>
    public bool? Global { get; init; }
}
