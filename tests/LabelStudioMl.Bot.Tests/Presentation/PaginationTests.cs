using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class PaginationTests
{
    private static List<string> Numbered(int count, int width = 10) =>
        Enumerable.Range(1, count).Select(i => $"line {i} " + new string('x', width)).ToList();

    [Fact]
    public void Lines_are_split_by_the_lines_per_page_with_Page_n_of_N_footers()
    {
        var pages = Pagination.Paginate("List", Numbered(25), linesPerPage: 10);

        Assert.Equal(3, pages.Count);
        Assert.Equal(["Page 1/3", "Page 2/3", "Page 3/3"], pages.Select(p => p.Cards[0].Footer));
        Assert.Equal(5, pages[2].Cards[0].Description!.Split('\n').Length);
    }

    [Fact]
    public void Long_lines_start_a_new_page_before_the_description_limit_is_reached()
    {
        var pages = Pagination.Paginate("List", Numbered(30, width: 1000), linesPerPage: 25);

        Assert.True(pages.Count >= 8);
        Assert.All(pages, DiscordLimitsAssert.Fits);
        Assert.Equal(30, pages.Sum(p => p.Cards[0].Description!.Split('\n').Length));
    }

    [Fact]
    public void A_line_longer_than_a_page_is_shortened_not_lost()
    {
        var pages = Pagination.Paginate("List", ["short", new string('y', 10_000), "after"], linesPerPage: 10);

        Assert.All(pages, DiscordLimitsAssert.Fits);
        var all = pages.SelectMany(p => p.Cards[0].Description!.Split('\n')).ToList();
        Assert.Contains("after", all);
        Assert.Contains(all, l => l.StartsWith("yyy", StringComparison.Ordinal) && l.EndsWith('…'));
    }

    [Fact]
    public void The_header_is_repeated_on_every_page()
    {
        var pages = Pagination.Paginate("List", Numbered(6), linesPerPage: 2, header: "6 backends");

        Assert.All(pages, p => Assert.StartsWith("6 backends\n\n", p.Cards[0].Description, StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_page_has_no_footer_and_no_lines_still_gives_one_page()
    {
        Assert.Null(Pagination.Paginate("List", Numbered(3)).Single().Cards[0].Footer);
        Assert.Equal("header", Pagination.Paginate("List", [], header: "header").Single().Cards[0].Description);
    }
}
