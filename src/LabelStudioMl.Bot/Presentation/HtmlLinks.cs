using System.Net;
using System.Text.RegularExpressions;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>
/// Label Studio puts HTML into some messages (<c>&lt;a href="https://…"&gt;Learn more&lt;/a&gt;</c>); Discord shows
/// markdown. Anchors become markdown links and line breaks become newlines; other text is left alone.
/// </summary>
internal static partial class HtmlLinks
{
    /// <summary>The text with anchors as <c>[text](url)</c> and <c>&lt;br&gt;</c> as newlines.</summary>
    public static string ToMarkdown(string text)
    {
        var linked = Anchor().Replace(text, match =>
        {
            var url = WebUtility.HtmlDecode(match.Groups["url"].Value).Trim();
            var label = WebUtility.HtmlDecode(Tag().Replace(match.Groups["text"].Value, "")).Trim();
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                return label;
            return label.Length == 0 ? url : $"[{label.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)}]({url.Replace(")", "%29", StringComparison.Ordinal)})";
        });
        return LineBreak().Replace(linked, "\n");
    }

    [GeneratedRegex("""<a\s[^>]*?href\s*=\s*["'](?<url>[^"']*)["'][^>]*>(?<text>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
