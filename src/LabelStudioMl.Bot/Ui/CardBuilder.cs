namespace LabelStudioMl.Bot.Ui;

/// <summary>Builds a <see cref="Card"/> step by step, for cards whose fields depend on what there is to show.</summary>
public sealed class CardBuilder
{
    private readonly List<Field> _fields = [];
    private Card _card = new();

    /// <summary>Sets the title.</summary>
    public CardBuilder WithTitle(string? title) => Set(_card with { Title = title });

    /// <summary>Sets the description.</summary>
    public CardBuilder WithDescription(string? description) => Set(_card with { Description = description });

    /// <summary>Sets the title's link.</summary>
    public CardBuilder WithUrl(string? url) => Set(_card with { Url = url });

    /// <summary>Sets the severity.</summary>
    public CardBuilder WithSeverity(Severity severity) => Set(_card with { Severity = severity });

    /// <summary>Sets the footer.</summary>
    public CardBuilder WithFooter(string footer) => Set(_card with { Footer = footer });

    /// <summary>Adds a field (null texts show as empty).</summary>
    public CardBuilder AddField(string? name, string? value, bool inline = false)
    {
        _fields.Add(new Field(name ?? "", value ?? "", inline));
        return this;
    }

    /// <summary>The card.</summary>
    public Card Build() => _card with { Fields = [.. _fields] };

    private CardBuilder Set(Card card)
    {
        _card = card;
        return this;
    }
}
