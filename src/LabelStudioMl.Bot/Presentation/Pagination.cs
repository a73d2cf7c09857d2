using System.Globalization;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>
/// Splits a long list of lines into pages that each fit one Discord message: at most <c>linesPerPage</c> lines and
/// 4096 description characters per page, an optional header repeated on every page, and a <c>Page 2/9</c> footer
/// when there is more than one page. A line is never split across pages; an over-long line is shortened.
/// </summary>
internal static class Pagination
{
    /// <summary>Lines per page that read well on a phone.</summary>
    public const int DefaultLinesPerPage = 15;

    /// <summary>The footer of page <paramref name="page"/> of <paramref name="count"/>.</summary>
    public static string Footer(int page, int count) => string.Create(CultureInfo.InvariantCulture, $"Page {page}/{count}");

    /// <summary>The pages (at least one; an empty list gives one page with only the header).</summary>
    /// <param name="title">The card title of every page.</param>
    /// <param name="lines">The lines, in order.</param>
    /// <param name="linesPerPage">Most lines on one page (at least 1).</param>
    /// <param name="header">Text above the lines on every page, e.g. a summary.</param>
    /// <param name="severity">The severity of every page.</param>
    /// <param name="url">The title link.</param>
    public static IReadOnlyList<Reply> Paginate(
        string title, IReadOnlyList<string> lines, int linesPerPage = DefaultLinesPerPage, string? header = null, Severity? severity = null, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerPage, 1);
        var top = string.IsNullOrWhiteSpace(header) ? "" : SafeText.Cut(header, CardLimits.Description / 4) + "\n\n";
        var budget = CardLimits.Description - top.Length;

        var pages = new List<List<string>>();
        var current = new List<string>();
        var used = 0;
        foreach (var raw in lines)
        {
            var line = SafeText.Cut(raw, budget);
            var cost = line.Length + (current.Count > 0 ? 1 : 0);
            if (current.Count > 0 && (current.Count >= linesPerPage || used + cost > budget))
            {
                pages.Add(current);
                current = [];
                used = 0;
                cost = line.Length;
            }

            current.Add(line);
            used += cost;
        }

        if (current.Count > 0 || pages.Count == 0)
            pages.Add(current);

        return pages.Select((page, index) =>
        {
            var builder = new CardBuilder().WithTitle(title).WithDescription((top + string.Join("\n", page)).Trim()).WithUrl(url);
            if (severity is { } marked)
                builder.WithSeverity(marked);
            if (pages.Count > 1)
                builder.WithFooter(Footer(index + 1, pages.Count));
            return Reply.Of(builder.Build());
        }).ToList();
    }
}
