using System.Globalization;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Components;

/// <summary>
/// Keeps paged replies for <see cref="Lifetime"/> under a short id so Prev/Next buttons (custom id
/// <c>ml:page:{id}:{page}</c>) can show other pages, in a <see cref="BoundedSessions{T}"/>: expired sessions are dropped
/// and at most <c>capacity</c> sessions are kept (the oldest give way). Thread-safe.
/// </summary>
/// <remarks>
/// On a button press: <c>store.Page(id, page)</c>, or, when the session expired and the store no longer holds the
/// pages, <see cref="IInteractionResponder.DisableButtonsAsync"/>: the message already shown, with its buttons disabled.
/// </remarks>
internal sealed class PageSessionStore
{
    /// <summary>How long a paged reply can be browsed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Sessions kept at most by default.</summary>
    public const int DefaultCapacity = 1000;

    /// <summary>The kind of every paging button's custom id (<see cref="Components.CustomId"/>).</summary>
    public const string CustomIdKind = "page";

    private readonly BoundedSessions<Session> _sessions;

    /// <summary>Creates a store with the default capacity.</summary>
    public PageSessionStore(TimeProvider time)
        : this(time, DefaultCapacity)
    {
    }

    /// <summary>Creates a store holding at most <paramref name="capacity"/> sessions.</summary>
    public PageSessionStore(TimeProvider time, int capacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _sessions = new BoundedSessions<Session>(time, capacity, idBytes: 5);
    }

    /// <summary>Live sessions (expired ones are dropped first).</summary>
    public int Count => _sessions.Count;

    /// <summary>
    /// The reply to send first: a single page as it is (nothing stored), several pages as page 1 with Prev/Next
    /// buttons and a new session behind them.
    /// </summary>
    /// <param name="pages">The pages.</param>
    /// <param name="place">Where the reply is shown (<see cref="Access.Caller.Place"/>): presses from anywhere else get no page.</param>
    public Reply Start(IReadOnlyList<Reply> pages, string? place = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        if (pages.Count == 1)
            return pages[0];
        var id = Add(pages, place);
        return WithButtons(pages[0], id, 1, pages.Count);
    }

    /// <summary>Stores <paramref name="pages"/>, shown at <paramref name="place"/> (any place when null), and returns the session's id (10 characters).</summary>
    public string Add(IReadOnlyList<Reply> pages, string? place = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        return _sessions.Add(id => new Session(id, [.. pages], place), Lifetime).Id;
    }

    /// <summary>Whether a press at <paramref name="place"/> may page the session: it was shown there (or anywhere), or it is gone anyway.</summary>
    public bool IsShownAt(string id, string place) =>
        _sessions.Find(id) is not { } session || session.Place is null || string.Equals(session.Place, place, StringComparison.Ordinal);

    /// <summary>Whether the session is gone (expired, evicted or never existed).</summary>
    public bool IsExpired(string id) => _sessions.Find(id) is null;

    /// <summary>
    /// Page <paramref name="page"/> (1-based, clamped to the pages there are) with Prev/Next buttons: Prev disabled on
    /// the first page, Next on the last. Null when the session expired; disable the shown buttons then.
    /// </summary>
    public Reply? Page(string id, int page)
    {
        if (_sessions.Find(id) is not { Pages: var pages })
            return null;
        var n = Math.Clamp(page, 1, pages.Length);
        return WithButtons(pages[n - 1], id, n, pages.Length);
    }

    /// <summary>The custom id of a button that opens <paramref name="page"/> of session <paramref name="id"/>.</summary>
    public static string CustomId(string id, int page) => new Components.CustomId(CustomIdKind, id, page.ToString(CultureInfo.InvariantCulture)).ToString();

    /// <summary>Reads <c>ml:page:{id}:{page}</c>; false for any other custom id.</summary>
    public static bool TryParseCustomId(string? customId, out string id, out int page)
    {
        id = "";
        page = 0;
        if (!Components.CustomId.TryRead(customId, CustomIdKind, out var read)
            || !int.TryParse(read.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out page))
            return false;
        id = read.Session;
        return true;
    }

    private static Reply WithButtons(Reply page, string id, int n, int count) => page with
    {
        Buttons = [new Button(CustomId(id, n - 1), "◀ Prev", Disabled: n <= 1), new Button(CustomId(id, n + 1), "Next ▶", Disabled: n >= count)],
    };

    private sealed record Session(string Id, Reply[] Pages, string? Place);
}
