using System.Globalization;
using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Doctor;

/// <summary>The invite URL with the scopes and permissions this bot needs.</summary>
public static class BotInvite
{
    /// <summary>View Channels, Send Messages, Embed Links, Read Message History.</summary>
    public const DiscordPermissions RequiredPermissions =
        DiscordPermissions.ViewChannel | DiscordPermissions.SendMessages | DiscordPermissions.EmbedLinks | DiscordPermissions.ReadMessageHistory;

    /// <summary>Builds the OAuth2 URL (<c>scope=bot+applications.commands</c>).</summary>
    /// <param name="applicationId">The application (client) id.</param>
    /// <returns>The URL.</returns>
    public static string Url(Snowflake applicationId) =>
        $"https://discord.com/oauth2/authorize?client_id={applicationId}&scope=bot+applications.commands&permissions={((ulong)RequiredPermissions).ToString(CultureInfo.InvariantCulture)}";
}
