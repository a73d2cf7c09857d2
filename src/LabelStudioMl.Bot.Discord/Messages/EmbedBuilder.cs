using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Messages;

/// <summary>
/// Builds an <see cref="Embed"/> that Discord will accept: every text is truncated to its limit with an
/// ellipsis, empty field names and values show a dash, fields beyond 25 are summarised, and the whole embed is
/// kept within 6000 characters. Use <see cref="MessageFitter"/> for the 6000 shared by several embeds.
/// </summary>
public sealed class EmbedBuilder
{
    // What an empty name or value shows: visible, so no line looks empty (an invisible U+200B did).
    private const string Blank = "—";
    private readonly List<EmbedField> _fields = [];
    private string? _title;
    private string? _description;
    private string? _url;
    private int? _color;
    private DateTimeOffset? _timestamp;
    private EmbedFooter? _footer;
    private EmbedAuthor? _author;
    private EmbedMedia? _thumbnail;
    private EmbedMedia? _image;

    /// <summary>Sets the title.</summary>
    /// <param name="title">Up to 256 characters are kept.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithTitle(string? title)
    {
        _title = title;
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">Up to 4096 characters are kept.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithDescription(string? description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the title link.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithUrl(string? url)
    {
        _url = url;
        return this;
    }

    /// <summary>Sets the colour.</summary>
    /// <param name="rgb">0xRRGGBB.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithColor(int rgb)
    {
        _color = Math.Clamp(rgb, 0, 0xFFFFFF);
        return this;
    }

    /// <summary>Sets the timestamp.</summary>
    /// <param name="timestamp">The moment.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithTimestamp(DateTimeOffset timestamp)
    {
        _timestamp = timestamp;
        return this;
    }

    /// <summary>Sets the footer.</summary>
    /// <param name="text">Up to 2048 characters are kept.</param>
    /// <param name="iconUrl">Optional icon.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithFooter(string text, string? iconUrl = null)
    {
        _footer = new EmbedFooter { Text = text, IconUrl = iconUrl };
        return this;
    }

    /// <summary>Sets the author.</summary>
    /// <param name="name">Up to 256 characters are kept.</param>
    /// <param name="url">Optional link.</param>
    /// <param name="iconUrl">Optional icon.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithAuthor(string name, string? url = null, string? iconUrl = null)
    {
        _author = new EmbedAuthor { Name = name, Url = url, IconUrl = iconUrl };
        return this;
    }

    /// <summary>Sets the thumbnail.</summary>
    /// <param name="url">The image URL.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithThumbnail(string url)
    {
        _thumbnail = new EmbedMedia { Url = url };
        return this;
    }

    /// <summary>Sets the image.</summary>
    /// <param name="url">The image URL.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder WithImage(string url)
    {
        _image = new EmbedMedia { Url = url };
        return this;
    }

    /// <summary>Adds a field; name and value are truncated (256 / 1024) and never left empty.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <param name="inline">Whether it is shown inline.</param>
    /// <returns>This builder.</returns>
    public EmbedBuilder AddField(string? name, string? value, bool inline = false)
    {
        _fields.Add(new EmbedField { Name = name ?? "", Value = value ?? "", Inline = inline ? true : null });
        return this;
    }

    /// <summary>Builds the embed within every per-embed limit and 6000 characters in total.</summary>
    /// <returns>The embed.</returns>
    public Embed Build()
    {
        var fields = _fields.Select(f => f with
        {
            Name = NonEmpty(Truncation.Fit(f.Name, MessageLimits.FieldName)),
            Value = NonEmpty(Truncation.Fit(f.Value, MessageLimits.FieldValue)),
        }).ToList();
        if (fields.Count > MessageLimits.Fields)
        {
            var hidden = fields.Count - (MessageLimits.Fields - 1);
            fields = [.. fields.Take(MessageLimits.Fields - 1), new EmbedField { Name = MessageLimits.Ellipsis, Value = $"{hidden} more not shown" }];
        }

        var embed = new Embed
        {
            Title = Truncation.Fit(_title, MessageLimits.Title),
            Description = Truncation.Fit(_description, MessageLimits.Description),
            Url = _url,
            Color = _color,
            Timestamp = _timestamp,
            Footer = _footer is null ? null : _footer with { Text = NonEmpty(Truncation.Fit(_footer.Text, MessageLimits.FooterText)) },
            Author = _author is null ? null : _author with { Name = NonEmpty(Truncation.Fit(_author.Name, MessageLimits.AuthorName)) },
            Thumbnail = _thumbnail,
            Image = _image,
            Fields = fields.Count == 0 ? null : fields,
        };
        return MessageFitter.FitEmbeds([embed])[0];
    }

    private static string NonEmpty(string? text) => string.IsNullOrEmpty(text) ? Blank : text;
}
