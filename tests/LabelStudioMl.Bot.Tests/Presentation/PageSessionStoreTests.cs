using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class PageSessionStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private static IReadOnlyList<Reply> Pages(int count) =>
        Pagination.Paginate("List", Enumerable.Range(1, count * 10).Select(i => $"line {i}").ToList(), linesPerPage: 10);

    private static (Button Prev, Button Next) Buttons(Reply reply)
    {
        Assert.Equal(2, reply.Buttons.Count);
        return (reply.Buttons[0], reply.Buttons[1]);
    }

    [Fact]
    public void The_first_page_has_Prev_disabled_and_Next_enabled_pointing_to_page_2()
    {
        var store = new PageSessionStore(_time);

        var first = store.Start(Pages(9));

        var (prev, next) = Buttons(first);
        Assert.True(prev.Disabled);
        Assert.False(next.Disabled);
        Assert.True(PageSessionStore.TryParseCustomId(next.CustomId, out var id, out var target));
        Assert.Equal(2, target);
        Assert.Equal($"ml:page:{id}:2", next.CustomId);
        Assert.Equal("Page 1/9", first.Cards[0].Footer);
    }

    [Fact]
    public void The_last_page_has_Next_disabled_and_a_middle_page_has_both_enabled()
    {
        var store = new PageSessionStore(_time);
        var id = store.Add(Pages(9));

        var (lastPrev, lastNext) = Buttons(store.Page(id, 9)!);
        var (midPrev, midNext) = Buttons(store.Page(id, 5)!);

        Assert.False(lastPrev.Disabled);
        Assert.True(lastNext.Disabled);
        Assert.False(midPrev.Disabled);
        Assert.False(midNext.Disabled);
        Assert.Equal($"ml:page:{id}:4", midPrev.CustomId);
        Assert.Equal($"ml:page:{id}:6", midNext.CustomId);
    }

    [Fact]
    public void Each_page_shows_its_own_lines_and_footer_and_fits_Discord()
    {
        var store = new PageSessionStore(_time);
        var id = store.Add(Pages(3));

        var second = store.Page(id, 2)!;

        Assert.Equal("Page 2/3", second.Cards[0].Footer);
        Assert.StartsWith("line 11", second.Cards[0].Description, StringComparison.Ordinal);
        DiscordLimitsAssert.Fits(second);
    }

    [Fact]
    public void A_page_number_out_of_range_shows_the_nearest_page()
    {
        var store = new PageSessionStore(_time);
        var id = store.Add(Pages(3));

        Assert.Equal("Page 3/3", store.Page(id, 99)!.Cards[0].Footer);
        Assert.Equal("Page 1/3", store.Page(id, 0)!.Cards[0].Footer);
    }

    [Fact]
    public void A_single_page_is_sent_without_buttons_and_without_a_session()
    {
        var store = new PageSessionStore(_time);

        var reply = store.Start(Pages(1));

        Assert.Empty(reply.Buttons);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Pages_stay_browsable_just_under_15_minutes_and_are_gone_at_15()
    {
        var store = new PageSessionStore(_time);
        var id = store.Add(Pages(3));

        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.NotNull(store.Page(id, 2));
        Assert.False(store.IsExpired(id));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(store.Page(id, 2));
        Assert.True(store.IsExpired(id));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void After_expiry_the_shown_page_comes_back_with_both_buttons_disabled()
    {
        var store = new PageSessionStore(_time);
        var shown = store.Start(Pages(3));
        _time.Advance(TimeSpan.FromMinutes(16));

        var (id, page) = PageSessionStore.TryParseCustomId(Buttons(shown).Next.CustomId, out var parsedId, out var parsedPage)
            ? (parsedId, parsedPage)
            : throw new InvalidOperationException("not a page button");
        var reply = store.Page(id, page) ?? shown.WithButtonsDisabled();

        var (prev, next) = Buttons(reply);
        Assert.True(prev.Disabled);
        Assert.True(next.Disabled);
        Assert.Equal(shown.Cards, reply.Cards);
    }

    [Fact]
    public void An_unknown_id_is_expired()
    {
        var store = new PageSessionStore(_time);

        Assert.True(store.IsExpired("nope"));
        Assert.Null(store.Page("nope", 1));
    }

    [Fact]
    public void The_store_keeps_at_most_its_capacity_and_evicts_the_oldest_session()
    {
        var store = new PageSessionStore(_time, capacity: 3);
        var ids = Enumerable.Range(0, 5).Select(_ =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            return store.Add(Pages(2));
        }).ToList();

        Assert.Equal(3, store.Count);
        Assert.True(store.IsExpired(ids[0]));
        Assert.True(store.IsExpired(ids[1]));
        Assert.All(ids.Skip(2), id => Assert.NotNull(store.Page(id, 1)));
    }

    [Fact]
    public void The_default_store_holds_a_thousand_sessions()
    {
        var store = new PageSessionStore(_time);
        var pages = Pages(2);

        for (var i = 0; i < 1_050; i++)
            store.Add(pages);

        Assert.Equal(1_000, store.Count);
    }

    [Fact]
    public void Expired_sessions_are_dropped_when_new_ones_arrive()
    {
        var store = new PageSessionStore(_time, capacity: 10);
        for (var i = 0; i < 5; i++)
            store.Add(Pages(2));

        _time.Advance(TimeSpan.FromMinutes(20));
        store.Add(Pages(2));

        Assert.Equal(1, store.Count);
    }

    [Theory]
    [InlineData("ml:page:abc:3", true, "abc", 3)]
    [InlineData("ml:page:abc:x", false, "", 0)]
    [InlineData("ml:confirm:abc:3", false, "", 0)]
    [InlineData("ml:page::3", false, "", 0)]
    public void Custom_ids_are_read_back_only_when_they_are_page_buttons(string customId, bool ok, string id, int page)
    {
        Assert.Equal(ok, PageSessionStore.TryParseCustomId(customId, out var parsedId, out var parsedPage));
        if (ok)
        {
            Assert.Equal(id, parsedId);
            Assert.Equal(page, parsedPage);
        }
    }

    [Fact]
    public void A_200_backend_list_browsed_page_by_page_stays_within_limits()
    {
        var presenter = new BackendPresenter(Backends.LabelStudioUrl);
        var backends = Enumerable.Range(1, 200).Select(i => Backends.Connected(i, "model-" + i)).ToList();
        var store = new PageSessionStore(_time);

        var first = store.Start(presenter.ListPages(backends, Backends.Projects, "ML backends · Cars"));
        Assert.True(PageSessionStore.TryParseCustomId(Buttons(first).Next.CustomId, out var id, out _));
        var count = int.Parse(first.Cards[0].Footer!.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);

        for (var n = 1; n <= count; n++)
        {
            var page = store.Page(id, n)!;
            DiscordLimitsAssert.Fits(page);
            Assert.Equal($"Page {n}/{count}", page.Cards[0].Footer);
            Assert.Equal(n == 1, Buttons(page).Prev.Disabled);
            Assert.Equal(n == count, Buttons(page).Next.Disabled);
        }
    }
}
