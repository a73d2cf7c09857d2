using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class TextHelperTests
{
    [Fact]
    public void A_relative_timestamp_is_Discord_markup_with_unix_seconds()
    {
        var moment = new DateTimeOffset(2025, 8, 8, 12, 0, 0, 123, TimeSpan.Zero);

        Assert.Equal("<t:1754654400:R>", DiscordTimestamp.Relative(moment));
    }

    [Fact]
    public void A_relative_timestamp_uses_the_instant_whatever_the_offset()
    {
        var utc = new DateTimeOffset(2025, 8, 8, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(DiscordTimestamp.Relative(utc), DiscordTimestamp.Relative(utc.ToOffset(TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(950, "950")]
    [InlineData(1_234, "1.2k")]
    [InlineData(123_456, "123k")]
    [InlineData(3_400_000, "3.4M")]
    [InlineData(-1_500, "-1.5k")]
    public void Large_numbers_are_short(long value, string expected) => Assert.Equal(expected, NumberText.Short(value));

    [Theory]
    [InlineData(200, "0.2 s")]
    [InlineData(60_000, "60 s")]
    [InlineData(600_000, "10 min")]
    [InlineData(5_400_000, "90 min")]
    [InlineData(86_400_000, "24 h")]
    public void Durations_read_as_people_say_them(long milliseconds, string expected) =>
        Assert.Equal(expected, NumberText.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(1, 3, "33%")]
    [InlineData(1, 2, "50%")]
    [InlineData(3, 3, "100%")]
    [InlineData(1, 0, "–")]
    public void Percentages_are_whole_numbers(int part, int whole, string expected) => Assert.Equal(expected, NumberText.Percent(part, whole));

    [Fact]
    public void Counts_agree_with_their_noun()
    {
        Assert.Equal("1 backend", NumberText.Count(1, "backend"));
        Assert.Equal("2 backends", NumberText.Count(2, "backend"));
        Assert.Equal("0 entries", NumberText.Count(0, "entry", "entries"));
    }

    [Fact]
    public void Markdown_characters_are_escaped()
    {
        Assert.Equal(@"a\_b\*c\~d\`e\|f", SafeText.Escape("a_b*c~d`e|f"));
    }

    [Fact]
    public void An_anchor_that_is_not_a_web_link_keeps_only_its_text()
    {
        Assert.Equal("see docs", HtmlLinks.ToMarkdown("see <a href=\"javascript:alert(1)\">docs</a>"));
    }

    [Fact]
    public void Html_line_breaks_become_newlines()
    {
        Assert.Equal("one\ntwo", HtmlLinks.ToMarkdown("one<br/>two"));
    }

    [Fact]
    public void An_excerpt_is_one_line_cut_with_an_ellipsis()
    {
        Assert.Equal("a b…", SafeText.Excerpt("a\n  b  cdef", 4));
    }
}
