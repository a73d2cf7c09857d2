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
}
