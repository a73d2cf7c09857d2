namespace LabelStudioMl.Bot.Access;

/// <summary>Level names as operators write them in configuration and as users read them in messages.</summary>
public static class AccessLevelNames
{
    /// <summary>The levels a configuration entry can grant, lowest first.</summary>
    public static IReadOnlyList<AccessLevel> Grantable { get; } = [AccessLevel.View, AccessLevel.Operate, AccessLevel.Admin];

    /// <summary>Parses View, Operate or Admin (any case); None and numbers are refused.</summary>
    /// <param name="text">The configured name.</param>
    /// <param name="level">The level, when the name is one.</param>
    /// <returns>Whether the name is a grantable level.</returns>
    public static bool TryParse(string? text, out AccessLevel level)
    {
        level = Grantable.FirstOrDefault(l => string.Equals(l.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));
        return level != AccessLevel.None;
    }

    /// <summary>The lower-case name used in messages: view, operate, admin (none for <see cref="AccessLevel.None"/>).</summary>
    /// <param name="level">The level.</param>
    /// <returns>The name.</returns>
    public static string Display(AccessLevel level) => level.ToString().ToLowerInvariant();
}
