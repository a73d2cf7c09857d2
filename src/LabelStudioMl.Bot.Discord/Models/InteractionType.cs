namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>Interaction types (RR); unknown numbers are kept as they are.</summary>
public enum InteractionType
{
    /// <summary>HTTP-mode ping.</summary>
    Ping = 1,

    /// <summary>A slash, user or message command.</summary>
    ApplicationCommand = 2,

    /// <summary>A button or select.</summary>
    MessageComponent = 3,

    /// <summary>An autocomplete request.</summary>
    ApplicationCommandAutocomplete = 4,

    /// <summary>A modal submission.</summary>
    ModalSubmit = 5,
}
