using System.Globalization;
using System.Text.Json.Serialization;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Components;

/// <summary>
/// Keeps paged replies for <see cref="Lifetime"/> under a short id so Prev/Next buttons (custom id
/// <c>ml:page:{id}:{page}</c>) can show other pages, in <see cref="ISessions{T}"/>: this process's memory (at most
/// <c>capacity</c> sessions, the oldest give way) or the store shared by replicas. Thread-safe.
/// </summary>
/// <remarks>
/// On a button press: <c>store.PageAsync(id, page)</c>, or, when the session expired and the store no longer holds the
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

    /// <summary>Random bytes of a session id (10 hex characters).</summary>
    public const int IdBytes = 5;

    private readonly ISessions<PageSession> _sessions;

    /// <summary>Creates a store on <paramref name="sessions"/>.</summary>
    public PageSessionStore(ISessions<PageSession> sessions) => _sessions = sessions;

    /// <summary>The bot's store: in memory on SQLite, in the store when replicas share it (<see cref="SessionsOnStore{T}"/>).</summary>
    public static PageSessionStore On(BotDatabase database, TimeProvider time) =>
        new(new SessionsOnStore<PageSession>(database, time, CustomIdKind, PageSessionJson.Default.PageSession, IdBytes, DefaultCapacity));

    /// <summary>
    /// The reply to send first: a single page as it is (nothing stored), several pages as page 1 with Prev/Next
    /// buttons and a new session behind them.
    /// </summary>
    /// <param name="pages">The pages.</param>
    /// <param name="place">Where the reply is shown (<see cref="Access.Caller.Place"/>): presses from anywhere else get no page.</param>
    /// <param name="cancellationToken">Ends the write of the session.</param>
    public async Task<Reply> StartAsync(IReadOnlyList<Reply> pages, string? place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        if (pages.Count == 1)
            return pages[0];
        var id = await AddAsync(pages, place, cancellationToken);
        return WithButtons(pages[0], id, 1, pages.Count);
    }

    /// <summary>Stores <paramref name="pages"/>, shown at <paramref name="place"/> (any place when null), and returns the session's id (10 characters).</summary>
    public async Task<string> AddAsync(IReadOnlyList<Reply> pages, string? place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        return (await _sessions.AddAsync(id => new PageSession(id, [.. pages], place), Lifetime, cancellationToken)).Id;
    }

    /// <summary>The session behind a press; null when it is gone (expired, evicted or never existed).</summary>
    public Task<PageSession?> FindAsync(string id, CancellationToken cancellationToken) => _sessions.FindAsync(id, cancellationToken);

    /// <summary>
    /// Page <paramref name="page"/> (1-based, clamped to the pages there are) of <paramref name="session"/> with
    /// Prev/Next buttons: Prev disabled on the first page, Next on the last.
    /// </summary>
    public static Reply Page(PageSession session, int page)
    {
        ArgumentNullException.ThrowIfNull(session);
        var n = Math.Clamp(page, 1, session.Pages.Length);
        return WithButtons(session.Pages[n - 1], session.Id, n, session.Pages.Length);
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

}

/// <summary>How a paged reply is stored for replicas sharing a store.</summary>
[JsonSerializable(typeof(PageSession))]
internal sealed partial class PageSessionJson : JsonSerializerContext;

/// <summary>A paged reply as stored: its pages and the place it was shown (any place when null).</summary>
internal sealed record PageSession(string Id, Reply[] Pages, string? Place)
{
    /// <summary>Whether a press at <paramref name="place"/> may page the session: it was shown there, or anywhere.</summary>
    public bool IsShownAt(string place) => Place is null || string.Equals(Place, place, StringComparison.Ordinal);
}
