namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A rich embed. Build it with <see cref="Messages.EmbedBuilder"/> so every limit is respected.</summary>
public sealed record Embed
{
    /// <summary>Title (≤ 256).</summary>
    public string? Title { get; init; }

    /// <summary>Description (≤ 4096).</summary>
    public string? Description { get; init; }

    /// <summary>Link of the title.</summary>
    public string? Url { get; init; }

    /// <summary>Timestamp shown in the footer.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Colour as 0xRRGGBB.</summary>
    public int? Color { get; init; }

    /// <summary>Footer.</summary>
    public EmbedFooter? Footer { get; init; }

    /// <summary>Image.</summary>
    public EmbedMedia? Image { get; init; }

    /// <summary>Thumbnail.</summary>
    public EmbedMedia? Thumbnail { get; init; }

    /// <summary>Author.</summary>
    public EmbedAuthor? Author { get; init; }

    /// <summary>Up to 25 fields.</summary>
    public IReadOnlyList<EmbedField>? Fields { get; init; }
}

/// <summary>An embed footer.</summary>
public sealed record EmbedFooter
{
    /// <summary>Text (≤ 2048).</summary>
    public string Text { get; init; } = "";

    /// <summary>Icon URL.</summary>
    public string? IconUrl { get; init; }
}

/// <summary>An embed image or thumbnail.</summary>
public sealed record EmbedMedia
{
    /// <summary>The URL.</summary>
    public string Url { get; init; } = "";
}

/// <summary>An embed author.</summary>
public sealed record EmbedAuthor
{
    /// <summary>Name (≤ 256).</summary>
    public string Name { get; init; } = "";

    /// <summary>Link.</summary>
    public string? Url { get; init; }

    /// <summary>Icon URL.</summary>
    public string? IconUrl { get; init; }
}

/// <summary>An embed field; name and value must not be empty.</summary>
public sealed record EmbedField
{
    /// <summary>Name (1–256).</summary>
    public string Name { get; init; } = "";

    /// <summary>Value (1–1024).</summary>
    public string Value { get; init; } = "";

    /// <summary>Whether it is shown inline.</summary>
    public bool? Inline { get; init; }
}
