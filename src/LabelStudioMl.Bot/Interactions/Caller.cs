namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// Who runs a command and where: the Discord user (or the console's configured identity), the guild and channel
/// (null in DMs and on the console) and the caller's role ids in that guild.
/// </summary>
public sealed record Caller(
    string UserId,
    string UserName,
    string? GuildId,
    string? ChannelId,
    IReadOnlyList<string> RoleIds,
    bool IsConsole = false)
{
    /// <summary>Whether the command came from a direct message (no guild) rather than a server channel or the console.</summary>
    public bool IsDirectMessage => GuildId is null && !IsConsole;
}
