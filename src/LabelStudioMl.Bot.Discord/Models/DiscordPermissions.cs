namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>Permission bits used by this bot (PERM); Discord serializes them as decimal strings.</summary>
[Flags]
public enum DiscordPermissions : ulong
{
    /// <summary>No permission.</summary>
    None = 0,

    /// <summary>ADMINISTRATOR (1 &lt;&lt; 3).</summary>
    Administrator = 1UL << 3,

    /// <summary>MANAGE_GUILD (1 &lt;&lt; 5).</summary>
    ManageGuild = 1UL << 5,

    /// <summary>VIEW_CHANNEL (1 &lt;&lt; 10).</summary>
    ViewChannel = 1UL << 10,

    /// <summary>SEND_MESSAGES (1 &lt;&lt; 11).</summary>
    SendMessages = 1UL << 11,

    /// <summary>EMBED_LINKS (1 &lt;&lt; 14).</summary>
    EmbedLinks = 1UL << 14,

    /// <summary>READ_MESSAGE_HISTORY (1 &lt;&lt; 16).</summary>
    ReadMessageHistory = 1UL << 16,

    /// <summary>MENTION_EVERYONE (1 &lt;&lt; 17): <c>@everyone</c>, <c>@here</c> and every role, mentionable or not.</summary>
    MentionEveryone = 1UL << 17,
}

/// <summary>Reads Discord's permission strings.</summary>
public static class DiscordPermissionText
{
    /// <summary>A decimal permission bitset string as flags; null when absent or not a number.</summary>
    /// <param name="text">The string, e.g. <c>"2248473465835073"</c>.</param>
    /// <returns>The flags or null.</returns>
    public static DiscordPermissions? Parse(string? text) =>
        ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits) ? (DiscordPermissions)bits : null;
}

/// <summary>What Discord's permissions allow, as the bot asks it.</summary>
public static class DiscordPermissionRules
{
    /// <summary>
    /// Whether a bot with these permissions pings the members of any role it mentions, mentionable or not
    /// (message.mdx, "Allowed Mentions Object": MENTION_EVERYONE; ADMINISTRATOR implies every permission).
    /// </summary>
    /// <param name="permissions">The bot's permissions in the channel.</param>
    /// <returns>True with MENTION_EVERYONE or ADMINISTRATOR.</returns>
    public static bool PingsAnyRole(this DiscordPermissions permissions) =>
        (permissions & (DiscordPermissions.MentionEveryone | DiscordPermissions.Administrator)) != 0;
}
