using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.ConsoleTransport;

/// <summary>
/// A reply as terminal text: the content, then per embed its title (state emoji kept), link, description, one
/// <c>Name: value</c> line per field and the footer after a dash; numbered buttons last. Errors and refusals start with
/// <c>[error]</c> or <c>[denied]</c> so they stand out and can be searched for.
/// </summary>
internal static class ReplyText
{
    public const string ErrorMark = "[error]";
    public const string DeniedMark = "[denied]";

    /// <summary>Whether the reply is one of the dispatcher's error or refusal messages (private, in an error colour).</summary>
    public static bool IsFailure(Reply reply) => Mark(reply) is not null;

    public static string Render(Reply reply, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var lines = new List<string>();
        var mark = Mark(reply);
        if (!string.IsNullOrWhiteSpace(reply.Content))
            lines.Add(Prefixed(mark, MarkdownText.Plain(reply.Content, now)));

        foreach (var embed in reply.Embeds)
        {
            if (lines.Count > 0)
                lines.Add("");
            lines.AddRange(Embed(embed, lines.Count == 0 ? mark : null, now));
        }

        var buttons = ConsoleButtons.Of(reply);
        if (buttons.Count > 0)
            lines.Add(ConsoleButtons.Line(buttons));
        if (lines.Count == 0)
            lines.Add(Prefixed(mark, "(empty reply)"));
        return string.Join(Environment.NewLine, lines);
    }

    private static IEnumerable<string> Embed(Embed embed, string? mark, DateTimeOffset now)
    {
        var title = MarkdownText.Plain(embed.Title ?? embed.Author?.Name, now);
        if (title.Length > 0 || mark is not null)
            yield return Prefixed(mark, title);
        if (!string.IsNullOrWhiteSpace(embed.Url))
            yield return "  " + embed.Url;
        foreach (var line in Indented(MarkdownText.Plain(embed.Description, now)))
            yield return line;
        foreach (var field in embed.Fields ?? [])
        {
            var value = Indented(MarkdownText.Plain(field.Value, now)).Select(l => l.TrimStart()).ToList();
            yield return $"  {MarkdownText.Plain(field.Name, now)}: {value.FirstOrDefault()}";
            foreach (var more in value.Skip(1))
                yield return "    " + more;
        }

        if (embed.Footer is { Text.Length: > 0 } footer)
            yield return "  — " + MarkdownText.Plain(footer.Text, now);
    }

    private static IEnumerable<string> Indented(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Length == 0 ? "" : "  " + l);

    private static string Prefixed(string? mark, string text) => mark is null ? text : $"{mark} {text}".TrimEnd();

    private static string? Mark(Reply reply)
    {
        if (!reply.Ephemeral || reply.Embeds.Count == 0)
            return null;
        return reply.Embeds[0].Color switch
        {
            ErrorPresenter.Color => ErrorMark,
            ErrorPresenter.DeniedColor => DeniedMark,
            _ => null,
        };
    }
}
