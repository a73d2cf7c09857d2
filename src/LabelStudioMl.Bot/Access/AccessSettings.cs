namespace LabelStudioMl.Bot.Access;

/// <summary>
/// The <c>Access</c> configuration section: which Discord roles grant which <see cref="AccessLevel"/> per server,
/// who may use direct messages, the console identity and the <c>default_member_permissions</c> visibility layer.
/// Values stay strings so that a typo becomes a validation line naming the key instead of a binder exception.
/// </summary>
public sealed class AccessSettings
{
    public const string SectionName = "Access";

    /// <summary>Server id → level name (View, Operate, Admin) → role ids, role names or <c>@everyone</c>.</summary>
    public Dictionary<string, Dictionary<string, List<string>>> Guilds { get; set; } = [];

    /// <summary>User id → level name: who may run commands in direct messages.</summary>
    public Dictionary<string, string> DirectMessageUsers { get; set; } = [];

    /// <summary>The identity and level of the console transport.</summary>
    public ConsoleAccessSettings Console { get; set; } = new();

    /// <summary>
    /// A Discord permission name (ManageGuild, Administrator, …) or <c>none</c> (the default); see
    /// <see cref="AdminCommandPermissionBits"/>. Discord hides whole top-level commands only, so a value here hides all
    /// of <c>/ml</c> from members without that permission.
    /// </summary>
    public string AdminCommandPermissions { get; set; } = "none";

    /// <summary>Whether no server and no direct-message user is configured: every Discord user is denied.</summary>
    public bool IsEmpty => Guilds.Count == 0 && DirectMessageUsers.Count == 0;

    /// <summary>
    /// <see cref="AdminCommandPermissions"/> as Discord's <c>default_member_permissions</c> value (a decimal string,
    /// e.g. "32" for ManageGuild), or null for <c>none</c> (visible to everyone).
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting is not a known permission (validation refuses it at start).</exception>
    public string? AdminCommandPermissionBits =>
        CommandPermissions.TryParse(AdminCommandPermissions, out var bits)
            ? bits
            : throw new InvalidOperationException($"Access:AdminCommandPermissions '{AdminCommandPermissions}' is not a known permission.");
}
