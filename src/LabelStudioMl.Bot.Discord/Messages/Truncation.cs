namespace LabelStudioMl.Bot.Discord.Messages;

/// <summary>
/// Shortens text to a Discord limit with an ellipsis (UTF-16 units, never splitting a surrogate pair), without its
/// invisible characters (<see cref="InvisibleText"/>): every text the bot sends passes here last.
/// </summary>
public static class Truncation
{
    /// <summary>
    /// Removes the invisible characters of <paramref name="text"/>, trims it and, when longer than <paramref name="max"/>,
    /// cuts it and appends "…".
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The limit (at least 1).</param>
    /// <returns>The text within the limit; null stays null.</returns>
    public static string? Fit(string? text, int max)
    {
        if (text is null)
            return null;
        var trimmed = InvisibleText.Remove(text).Trim();
        if (trimmed.Length <= max)
            return trimmed;
        if (max <= MessageLimits.Ellipsis.Length)
            return trimmed[..max];
        var cut = max - MessageLimits.Ellipsis.Length;
        if (char.IsHighSurrogate(trimmed[cut - 1]))
            cut--;
        return trimmed[..cut].TrimEnd() + MessageLimits.Ellipsis;
    }

    /// <summary>The length Discord counts: after trimming.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The counted length.</returns>
    public static int Counted(string? text) => text?.Trim().Length ?? 0;
}
