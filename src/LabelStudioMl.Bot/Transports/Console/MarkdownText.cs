using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Discord.Messages;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// Discord markdown made readable in a terminal: <c>**bold**</c>, <c>__underline__</c> and <c>~~strike~~</c>
/// markers dropped, backslash escapes removed, <c>[text](url)</c> as <c>text (url)</c>, and Discord timestamps
/// (<c>&lt;t:UNIX:R&gt;</c>) as a relative time with the UTC time after it; invisible characters removed (<see cref="InvisibleText"/>). Inline code backticks stay: they mark
/// what to type.
/// </summary>
internal static partial class MarkdownText
{
    public static string Plain(string? markdown, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(markdown))
            return "";
        var text = Timestamp().Replace(InvisibleText.Remove(markdown), m => Moment(m, now));
        text = Link().Replace(text, m => $"{m.Groups["text"].Value} ({m.Groups["url"].Value})");
        return Unmark(text);
    }

    /// <summary>"5 minutes ago" / "in 2 hours", from the whole largest unit.</summary>
    public static string Relative(DateTimeOffset moment, DateTimeOffset now)
    {
        var span = now - moment;
        var past = span >= TimeSpan.Zero;
        var abs = span.Duration();
        var (count, unit) = abs.TotalSeconds < 60 ? ((int)abs.TotalSeconds, "second")
            : abs.TotalMinutes < 60 ? ((int)abs.TotalMinutes, "minute")
            : abs.TotalHours < 24 ? ((int)abs.TotalHours, "hour")
            : ((int)abs.TotalDays, "day");
        if (unit == "second" && count < 10)
            return "just now";
        var amount = string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");
        return past ? $"{amount} ago" : $"in {amount}";
    }

    private static string Moment(Match match, DateTimeOffset now)
    {
        if (!long.TryParse(match.Groups["unix"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return match.Value;
        var moment = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var iso = moment.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return match.Groups["style"].Value == "R" ? $"{Relative(moment, now)} ({iso})" : iso;
    }

    private static string Unmark(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && IsMarkdown(text[i + 1]))
                builder.Append(text[++i]);
            else if (c is '*' or '_' or '~' && i + 1 < text.Length && text[i + 1] == c)
                i++;
            else
                builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsMarkdown(char c) => c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' or '>' or '#' or '(' or ')' or '-' or '.' or '<' or ':';

    [GeneratedRegex(@"<t:(?<unix>-?\d{1,12})(:(?<style>[tTdDfFR]))?>", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"(?<!\\)\[(?<text>[^\]\n]+)\]\((?<url>https?://[^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
