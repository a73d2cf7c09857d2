namespace LabelStudioMl.Bot.Access;

/// <summary>
/// Who runs a command and where: the Discord user (or the console's configured identity), the guild and channel
/// (null in DMs and on the console), the caller's role ids in that guild, and the bot's own permissions in that
/// channel as far as mentions go: whether it may ping every role there (MENTION_EVERYONE or ADMINISTRATOR), as Discord
/// reported its permissions with the interaction (null when unknown, e.g. on the console).
/// <c>MembershipKnown</c> is false for a server interaction that came without its <c>member</c>: the caller's roles,
/// even <c>@everyone</c>, are then unknown.
/// </summary>
public sealed record Caller(
    string UserId,
    string UserName,
    string? GuildId,
    string? ChannelId,
    IReadOnlyList<string> RoleIds,
    bool IsConsole = false,
    bool? BotPingsAnyRole = null,
    bool MembershipKnown = true)
{
    /// <summary>The console's stand-in channel: where its watches post (printed on the console, never sent to Discord).</summary>
    public const string ConsoleChannelId = "console";

    /// <summary>Whether the command came from a direct message (no guild) rather than a server channel or the console.</summary>
    public bool IsDirectMessage => GuildId is null && !IsConsole;

    /// <summary>Where the caller is (server and channel, the direct-message channel, or the console): buttons work only where their message was sent.</summary>
    public string Place => IsConsole ? "console" : $"{GuildId ?? "dm"}/{ChannelId}";
}
