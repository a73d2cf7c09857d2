namespace LabelStudioMl.Bot.Discord.Models;

#pragma warning disable CA1720 // The names are Discord's own.

/// <summary>Option types (AC "Application Command Option Type").</summary>
public enum ApplicationCommandOptionType
{
    /// <summary>A subcommand.</summary>
    SubCommand = 1,

    /// <summary>A group of subcommands.</summary>
    SubCommandGroup = 2,

    /// <summary>Text.</summary>
    String = 3,

    /// <summary>An integer between -2^53+1 and 2^53-1.</summary>
    Integer = 4,

    /// <summary>A boolean.</summary>
    Boolean = 5,

    /// <summary>A user.</summary>
    User = 6,

    /// <summary>A channel.</summary>
    Channel = 7,

    /// <summary>A role.</summary>
    Role = 8,

    /// <summary>A user or role.</summary>
    Mentionable = 9,

    /// <summary>A double.</summary>
    Number = 10,

    /// <summary>An attachment.</summary>
    Attachment = 11,
}
