using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>
/// Label Studio puts HTML into some messages (<c>&lt;a href="https://…"&gt;Learn more&lt;/a&gt;</c>); Discord shows
/// markdown. Anchors become their text followed by the address as plain code, never a live masked link: a message
/// from Label Studio (or an ML server it quotes) cannot hide where a link goes. Line breaks become newlines; other
/// text is left alone.
/// </summary>
internal static partial class HtmlLinks
{
    /// <summary>
    /// The text as Discord markdown: anchors become <c>text (`url`)</c>, <c>&lt;br&gt;</c> a newline, and everything
    /// else is escaped so that it shows as written (<c>LabelStudio__Url</c> stays intact).
    /// </summary>
    public static string ToMarkdown(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (Match match in Anchor().Matches(text))
        {
            builder.Append(Plain(text[at..match.Index]));
            builder.Append(Link(match));
            at = match.Index + match.Length;
        }

        builder.Append(Plain(text[at..]));
        return builder.ToString();
    }

    private static string Plain(string segment) => SafeText.Escape(LineBreak().Replace(segment, "\n"));

    private static string Link(Match match)
    {
        var url = WebUtility.HtmlDecode(match.Groups["url"].Value).Trim();
        var label = WebUtility.HtmlDecode(Tag().Replace(match.Groups["text"].Value, "")).Trim();
        var web = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (!web)
            return SafeText.Escape(label);
        var address = $"`{url.Replace('`', '\'')}`";
        return label.Length == 0 || label == url ? address : $"{SafeText.Escape(label)} ({address})";
    }

    [GeneratedRegex("""<a\s[^>]*?href\s*=\s*["'](?<url>[^"']*)["'][^>]*>(?<text>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
