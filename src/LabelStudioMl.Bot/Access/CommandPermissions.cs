using System.Globalization;

namespace LabelStudioMl.Bot.Access;

/// <summary>
/// Discord permission names accepted by <c>Access:AdminCommandPermissions</c>, turned into the decimal string Discord
/// expects in <c>default_member_permissions</c>. Names match in any case, with or without underscores
/// (ManageGuild, MANAGE_GUILD).
/// </summary>
public static class CommandPermissions
{
    /// <summary>The value that leaves commands visible to every member.</summary>
    public const string None = "none";

    private static readonly Dictionary<string, ulong> Bits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KickMembers"] = 1UL << 1,
        ["BanMembers"] = 1UL << 2,
        ["Administrator"] = 1UL << 3,
        ["ManageChannels"] = 1UL << 4,
        ["ManageGuild"] = 1UL << 5,
        ["ManageMessages"] = 1UL << 13,
        ["ManageRoles"] = 1UL << 28,
        ["ManageWebhooks"] = 1UL << 29,
        ["ModerateMembers"] = 1UL << 40,
    };

    /// <summary>The accepted names, for help texts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Bits.Keys, None];

    /// <summary>Parses a permission name or <c>none</c>.</summary>
    /// <param name="text">The configured name.</param>
    /// <param name="value">The decimal permission value, or null for <c>none</c>.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? text, out string? value)
    {
        value = null;
        var name = text?.Trim().Replace("_", "", StringComparison.Ordinal) ?? "";
        if (string.Equals(name, None, StringComparison.OrdinalIgnoreCase))
            return true;
        if (!Bits.TryGetValue(name, out var bits))
            return false;
        value = bits.ToString(CultureInfo.InvariantCulture);
        return true;
    }
}
