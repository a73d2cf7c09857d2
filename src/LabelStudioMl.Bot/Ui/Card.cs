namespace LabelStudioMl.Bot.Ui;

/// <summary>
/// One block of a reply: a title (linked to <see cref="Url"/> when set), a description, name/value fields and a
/// footer, marked with a <see cref="Severity"/>. Texts are markdown as Discord reads it (the console turns it into
/// plain text); a transport with limits shortens them when it renders (Discord: <see cref="CardLimits"/>).
/// </summary>
public sealed record Card
{
    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>Where the title links to.</summary>
    public string? Url { get; init; }

    /// <summary>The text under the title.</summary>
    public string? Description { get; init; }

    /// <summary>What the card says about its subject; null leaves it unmarked.</summary>
    public Severity? Severity { get; init; }

    /// <summary>Name/value pairs, in order.</summary>
    public IReadOnlyList<Field> Fields { get; init; } = [];

    /// <summary>A small line at the bottom.</summary>
    public string? Footer { get; init; }
}

/// <summary>A name/value pair of a card; inline fields may stand side by side.</summary>
public sealed record Field(string Name, string Value, bool Inline = false);

/// <summary>
/// What a card's texts can hold on every transport: Discord's embed limits are the smallest, so presenters that
/// choose what to show (pages of a list, a board) plan within them instead of having text cut off.
/// </summary>
public static class CardLimits
{
    /// <summary>Characters of a description.</summary>
    public const int Description = 4096;
}
