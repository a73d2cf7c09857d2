namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>Application command types (AC).</summary>
public enum ApplicationCommandType
{
    /// <summary>A slash command.</summary>
    ChatInput = 1,

    /// <summary>A user context-menu command.</summary>
    User = 2,

    /// <summary>A message context-menu command.</summary>
    Message = 3,

    /// <summary>The activity entry point.</summary>
    PrimaryEntryPoint = 4,
}
