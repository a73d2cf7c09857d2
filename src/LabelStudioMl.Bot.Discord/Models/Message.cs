namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A message as returned by Discord.</summary>
public sealed record Message
{
    /// <summary>The message id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The channel id.</summary>
    public Snowflake ChannelId { get; init; }

    /// <summary>The author.</summary>
    public User? Author { get; init; }

    /// <summary>The text.</summary>
    public string? Content { get; init; }

    /// <summary>The embeds.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>The components.</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Message flags.</summary>
    public int? Flags { get; init; }

    /// <summary>When it was sent.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
