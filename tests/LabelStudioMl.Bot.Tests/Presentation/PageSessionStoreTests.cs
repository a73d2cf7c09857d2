using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class PageSessionStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private BoundedSessions<PageSession> _sessions = null!;

    /// <summary>A store in memory, as a bot on SQLite has it; <see cref="_sessions"/> tells how many it keeps.</summary>
    private PageSessionStore Memory(int capacity = PageSessionStore.DefaultCapacity)
    {
        _sessions = new BoundedSessions<PageSession>(_time, capacity, PageSessionStore.IdBytes);
        return new PageSessionStore(_sessions);
    }

    private static async Task<Reply?> PageAsync(PageSessionStore store, string id, int n) =>
        await store.FindAsync(id, CancellationToken.None) is { } session ? PageSessionStore.Page(session, n) : null;

    private static async Task<bool> IsExpiredAsync(PageSessionStore store, string id) => await store.FindAsync(id, CancellationToken.None) is null;

    private static IReadOnlyList<Reply> Pages(int count) =>
        Pagination.Paginate("List", Enumerable.Range(1, count * 10).Select(i => $"line {i}").ToList(), linesPerPage: 10);

    private static (Button Prev, Button Next) Buttons(Reply reply)
    {
        Assert.Equal(2, reply.Buttons.Count);
        return (reply.Buttons[0], reply.Buttons[1]);
    }

    [Fact]
    public async Task The_first_page_has_Prev_disabled_and_Next_enabled_pointing_to_page_2()
    {
        var store = Memory();

        var first = await store.StartAsync(Pages(9), null, CancellationToken.None);

        var (prev, next) = Buttons(first);
        Assert.True(prev.Disabled);
        Assert.False(next.Disabled);
        Assert.True(PageSessionStore.TryParseCustomId(next.CustomId, out var id, out var target));
        Assert.Equal(2, target);
        Assert.Equal($"ml:page:{id}:2", next.CustomId);
        Assert.Equal("Page 1/9", first.Cards[0].Footer);
    }

    [Fact]
    public async Task The_last_page_has_Next_disabled_and_a_middle_page_has_both_enabled()
    {
        var store = Memory();
        var id = await store.AddAsync(Pages(9), null, CancellationToken.None);

        var (lastPrev, lastNext) = Buttons((await PageAsync(store, id, 9))!);
        var (midPrev, midNext) = Buttons((await PageAsync(store, id, 5))!);

        Assert.False(lastPrev.Disabled);
        Assert.True(lastNext.Disabled);
        Assert.False(midPrev.Disabled);
        Assert.False(midNext.Disabled);
        Assert.Equal($"ml:page:{id}:4", midPrev.CustomId);
        Assert.Equal($"ml:page:{id}:6", midNext.CustomId);
    }

    [Fact]
    public async Task Each_page_shows_its_own_lines_and_footer_and_fits_Discord()
    {
        var store = Memory();
        var id = await store.AddAsync(Pages(3), null, CancellationToken.None);

        var second = (await PageAsync(store, id, 2))!;

        Assert.Equal("Page 2/3", second.Cards[0].Footer);
        Assert.StartsWith("line 11", second.Cards[0].Description, StringComparison.Ordinal);
        DiscordLimitsAssert.Fits(second);
    }

    [Fact]
    public async Task A_page_number_out_of_range_shows_the_nearest_page()
    {
        var store = Memory();
        var id = await store.AddAsync(Pages(3), null, CancellationToken.None);

        Assert.Equal("Page 3/3", (await PageAsync(store, id, 99))!.Cards[0].Footer);
        Assert.Equal("Page 1/3", (await PageAsync(store, id, 0))!.Cards[0].Footer);
    }

    [Fact]
    public async Task A_single_page_is_sent_without_buttons_and_without_a_session()
    {
        var store = Memory();

        var reply = await store.StartAsync(Pages(1), null, CancellationToken.None);

        Assert.Empty(reply.Buttons);
        Assert.Equal(0, _sessions.Count);
    }

    [Fact]
    public async Task Pages_stay_browsable_just_under_15_minutes_and_are_gone_at_15()
    {
        var store = Memory();
        var id = await store.AddAsync(Pages(3), null, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await PageAsync(store, id, 2));
        Assert.False(await IsExpiredAsync(store, id));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await PageAsync(store, id, 2));
        Assert.True(await IsExpiredAsync(store, id));
        Assert.Equal(0, _sessions.Count);
    }

    [Fact]
    public async Task After_expiry_the_shown_page_comes_back_with_both_buttons_disabled()
    {
        var store = Memory();
        var shown = await store.StartAsync(Pages(3), null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(16));

        var (id, page) = PageSessionStore.TryParseCustomId(Buttons(shown).Next.CustomId, out var parsedId, out var parsedPage)
            ? (parsedId, parsedPage)
            : throw new InvalidOperationException("not a page button");
        var reply = await PageAsync(store, id, page) ?? shown.WithButtonsDisabled();

        var (prev, next) = Buttons(reply);
        Assert.True(prev.Disabled);
        Assert.True(next.Disabled);
        Assert.Equal(shown.Cards, reply.Cards);
    }

    [Fact]
    public async Task An_unknown_id_is_expired()
    {
        var store = Memory();

        Assert.True(await IsExpiredAsync(store, "nope"));
        Assert.Null(await PageAsync(store, "nope", 1));
    }

    [Fact]
    public async Task The_store_keeps_at_most_its_capacity_and_evicts_the_oldest_session()
    {
        var store = Memory(3);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            ids.Add(await store.AddAsync(Pages(2), null, CancellationToken.None));
        }

        Assert.Equal(3, _sessions.Count);
        Assert.True(await IsExpiredAsync(store, ids[0]));
        Assert.True(await IsExpiredAsync(store, ids[1]));
        foreach (var id in ids.Skip(2))
            Assert.NotNull(await PageAsync(store, id, 1));
    }

    [Fact]
    public async Task The_default_store_holds_a_thousand_sessions()
    {
        var store = Memory();
        var pages = Pages(2);

        for (var i = 0; i < 1_050; i++)
            await store.AddAsync(pages, null, CancellationToken.None);

        Assert.Equal(1_000, _sessions.Count);
    }

    [Fact]
    public async Task Expired_sessions_are_dropped_when_new_ones_arrive()
    {
        var store = Memory(10);
        for (var i = 0; i < 5; i++)
            await store.AddAsync(Pages(2), null, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(20));
        await store.AddAsync(Pages(2), null, CancellationToken.None);

        Assert.Equal(1, _sessions.Count);
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
    public async Task A_200_backend_list_browsed_page_by_page_stays_within_limits()
    {
        var presenter = new BackendPresenter(Backends.LabelStudioUrl);
        var backends = Enumerable.Range(1, 200).Select(i => Backends.Connected(i, "model-" + i)).ToList();
        var store = Memory();

        var first = await store.StartAsync(presenter.ListPages(backends, Backends.Projects, "ML backends · Cars"), null, CancellationToken.None);
        Assert.True(PageSessionStore.TryParseCustomId(Buttons(first).Next.CustomId, out var id, out _));
        var count = int.Parse(first.Cards[0].Footer!.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);

        for (var n = 1; n <= count; n++)
        {
            var page = (await PageAsync(store, id, n))!;
            DiscordLimitsAssert.Fits(page);
            Assert.Equal($"Page {n}/{count}", page.Cards[0].Footer);
            Assert.Equal(n == 1, Buttons(page).Prev.Disabled);
            Assert.Equal(n == count, Buttons(page).Next.Disabled);
        }
    }
}
