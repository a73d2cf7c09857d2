
namespace LabelStudioMl.Bot.Access;

/// <summary>
/// One role entry of <c>Access:Guilds:&lt;id&gt;:&lt;Level&gt;</c>: a role id (also as a mention <c>&lt;@&amp;id&gt;</c>),
/// <c>@everyone</c> (whose id is the server id) or a role name (any case, the leading @ optional).
/// </summary>
internal sealed record RoleReference
{
    public const string Everyone = "@everyone";

    private RoleReference(ulong? id, string? name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The role id, when the entry names one (or is <c>@everyone</c>).</summary>
    public ulong? Id { get; }

    /// <summary>The role name, when the entry is a name (without a leading @).</summary>
    public string? Name { get; }

    /// <summary>Whether the entry is a non-empty text the bot can use.</summary>
    /// <param name="entry">The configured text.</param>
    /// <returns>True unless empty, white space, or all digits without being a valid id.</returns>
    public static bool IsValid(string? entry)
    {
        var text = entry?.Trim() ?? "";
        return text.Length > 0 && (!text.All(char.IsAsciiDigit) || Ids.TryParse(text, out _));
    }

    /// <summary>Reads a validated entry.</summary>
    /// <param name="entry">The configured text.</param>
    /// <param name="guildId">The server the entry belongs to (the id of <c>@everyone</c>).</param>
    /// <returns>The reference.</returns>
    public static RoleReference Parse(string entry, ulong guildId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = entry.Trim();
        if (string.Equals(text, Everyone, StringComparison.OrdinalIgnoreCase))
            return new RoleReference(guildId, null);
        if (Ids.TryParse(text, out var id))
            return new RoleReference(id, null);
        if (text.StartsWith("<@&", StringComparison.Ordinal) && text.EndsWith('>') && Ids.TryParse(text[3..^1], out var mentioned))
            return new RoleReference(mentioned, null);
        return new RoleReference(null, text.StartsWith('@') ? text[1..] : text);
    }
}
