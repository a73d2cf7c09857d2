namespace LabelStudioMl.Bot.Discord.Messages;

/// <summary>Discord's documented message limits (MSG "Embed Limits", CMP). All are inclusive, counted after trimming.</summary>
public static class MessageLimits
{
    /// <summary>Message content.</summary>
    public const int Content = 2000;

    /// <summary>Embeds per message.</summary>
    public const int EmbedsPerMessage = 10;

    /// <summary>Embed title.</summary>
    public const int Title = 256;

    /// <summary>Embed description.</summary>
    public const int Description = 4096;

    /// <summary>Fields per embed.</summary>
    public const int Fields = 25;

    /// <summary>Field name.</summary>
    public const int FieldName = 256;

    /// <summary>Field value.</summary>
    public const int FieldValue = 1024;

    /// <summary>Footer text.</summary>
    public const int FooterText = 2048;

    /// <summary>Author name.</summary>
    public const int AuthorName = 256;

    /// <summary>Title + description + field names and values + footer + author of all embeds of one message.</summary>
    public const int TotalEmbedCharacters = 6000;

    /// <summary>Action rows per message.</summary>
    public const int ActionRows = 5;

    /// <summary>Buttons per action row.</summary>
    public const int ButtonsPerRow = 5;

    /// <summary>Button label.</summary>
    public const int ButtonLabel = 80;

    /// <summary>Component custom id.</summary>
    public const int CustomId = 100;

    /// <summary>The mark appended to truncated text.</summary>
    public const string Ellipsis = "…";
}
