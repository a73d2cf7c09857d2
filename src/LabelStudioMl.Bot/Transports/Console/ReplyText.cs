using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// A reply as terminal text: the content, then per card its title (state emoji kept), link, description, one
/// <c>Name: value</c> line per field and the footer after a dash; numbered buttons last. A private reply whose first card
/// is an error or a warning (the dispatcher's failures and refusals) starts with <c>[error]</c> or <c>[denied]</c>, so it
/// stands out and can be searched for.
/// </summary>
internal static class ReplyText
{
    public const string ErrorMark = "[error]";
    public const string DeniedMark = "[denied]";

    /// <summary>Whether the reply is one of the dispatcher's error or refusal messages (private, marked error or warning).</summary>
    public static bool IsFailure(Reply reply) => Mark(reply) is not null;

    public static string Render(Reply reply, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var lines = new List<string>();
        var mark = Mark(reply);
        if (!string.IsNullOrWhiteSpace(reply.Content))
            lines.Add(Prefixed(mark, MarkdownText.Plain(reply.Content, now)));

        foreach (var card in reply.Cards)
        {
            if (lines.Count > 0)
                lines.Add("");
            lines.AddRange(Card(card, lines.Count == 0 ? mark : null, now));
        }

        if (reply.Buttons.Count > 0)
            lines.Add(ConsoleButtons.Line(reply.Buttons));
        if (lines.Count == 0)
            lines.Add(Prefixed(mark, "(empty reply)"));
        return string.Join(Environment.NewLine, lines);
    }

    private static IEnumerable<string> Card(Card card, string? mark, DateTimeOffset now)
    {
        var title = MarkdownText.Plain(card.Title, now);
        if (title.Length > 0 || mark is not null)
            yield return Prefixed(mark, title);
        if (!string.IsNullOrWhiteSpace(card.Url))
            yield return "  " + card.Url;
        foreach (var line in Indented(MarkdownText.Plain(card.Description, now)))
            yield return line;
        foreach (var field in card.Fields)
        {
            var value = Indented(MarkdownText.Plain(field.Value, now)).Select(l => l.TrimStart()).ToList();
            yield return $"  {OrDash(MarkdownText.Plain(field.Name, now))}: {OrDash(value.FirstOrDefault())}";
            foreach (var more in value.Skip(1))
                yield return "    " + more;
        }

        if (card.Footer is { Length: > 0 } footer)
            yield return "  — " + MarkdownText.Plain(footer, now);
    }

    // A field with nothing visible shows a dash, as on Discord, so no line looks cut off.
    private static string OrDash(string? text) => string.IsNullOrWhiteSpace(text) ? "—" : text;

    private static IEnumerable<string> Indented(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Length == 0 ? "" : "  " + l);

    private static string Prefixed(string? mark, string text) => mark is null ? text : $"{mark} {text}".TrimEnd();

    private static string? Mark(Reply reply)
    {
        if (!reply.Ephemeral || reply.Cards.Count == 0)
            return null;
        return reply.Cards[0].Severity switch
        {
            Severity.Error => ErrorMark,
            Severity.Warning => DeniedMark,
            _ => null,
        };
    }
}
