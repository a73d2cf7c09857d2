using System.Text;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.LabelStudio;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>
/// Makes text from Label Studio or users safe to put into Discord markdown; each helper also removes invisible
/// characters (<see cref="InvisibleText"/>), so what is left can be tested for being empty.
/// </summary>
internal static partial class SafeText
{
    /// <summary>The visible part of <paramref name="text"/>, trimmed; null when nothing visible is left.</summary>
    public static string? Visible(string? text) =>
        InvisibleText.Remove(text)?.Trim() is { Length: > 0 } visible ? visible : null;

    /// <summary>Backslash-escapes Discord markdown so names like <c>my_model*v2</c> show as typed.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var visible = InvisibleText.Remove(text);
        var builder = new StringBuilder(visible.Length + 8);
        foreach (var c in visible)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' or '>' or '#')
                builder.Append('\\');
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Removes user info (<c>user:password@</c>) from every http(s) URL inside free text, and masks secret-looking query
    /// values (<see cref="SecretText"/>).
    /// </summary>
    public static string RedactUrls(string text) => SecretText.Masked(UserInfo().Replace(text, "$1"));

    /// <summary>One line of at most <paramref name="max"/> characters: whitespace runs (newlines too) become one space.</summary>
    public static string Excerpt(string? text, int max)
    {
        var visible = InvisibleText.Remove(text);
        if (string.IsNullOrWhiteSpace(visible))
            return "";
        var oneLine = Whitespace().Replace(visible.Trim(), " ");
        if (oneLine.Length <= max)
            return oneLine;
        var cut = max - 1;
        if (char.IsHighSurrogate(oneLine[cut - 1]))
            cut--;
        return oneLine[..cut].TrimEnd() + "…";
    }

    /// <summary>A possibly multi-line text cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Cut(string text, int max)
    {
        var trimmed = InvisibleText.Remove(text).Trim();
        if (trimmed.Length <= max)
            return trimmed;
        var cut = max - 1;
        if (char.IsHighSurrogate(trimmed[cut - 1]))
            cut--;
        return trimmed[..cut].TrimEnd() + "…";
    }

    [GeneratedRegex(@"(https?://)[^\s/@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
