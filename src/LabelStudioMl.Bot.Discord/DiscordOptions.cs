namespace LabelStudioMl.Bot.Discord;

/// <summary>The <c>Discord</c> configuration section.</summary>
public sealed class DiscordOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Discord";

    /// <summary>The bot token from the Discord developer portal (sent as <c>Authorization: Bot &lt;token&gt;</c>).</summary>
    public string Token { get; set; } = "";

    /// <summary>REST base URL; a proxy or a test server may stand here. The gateway URL comes from <c>GET /gateway/bot</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Optional guild id: commands are registered to this guild (instant) instead of globally.</summary>
    public string? GuildId { get; set; }
}
