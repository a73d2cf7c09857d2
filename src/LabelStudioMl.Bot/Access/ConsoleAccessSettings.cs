
namespace LabelStudioMl.Bot.Access;

/// <summary>The <c>Access:Console</c> section: who the console transport runs as, Admin unless configured otherwise.</summary>
public sealed class ConsoleAccessSettings
{
    /// <summary>The user id written to the audit log for console commands.</summary>
    public string UserId { get; set; } = "console";

    /// <summary>The user name shown for console commands.</summary>
    public string UserName { get; set; } = "console";

    /// <summary>View, Operate or Admin.</summary>
    public string Level { get; set; } = "Admin";

    /// <summary>The caller the console transport hands to the dispatcher.</summary>
    /// <returns>A console caller with this identity and no guild, channel or roles.</returns>
    public Caller ToCaller() => new(UserId, UserName, GuildId: null, ChannelId: null, RoleIds: [], IsConsole: true);
}
