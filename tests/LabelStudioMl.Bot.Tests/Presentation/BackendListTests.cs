using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class BackendListTests
{
    private readonly BackendPresenter _presenter = new(Backends.LabelStudioUrl);

    private static string[] Lines(string description) => description.Split('\n');

    [Fact]
    public void Each_backend_is_one_compact_line_with_state_id_title_project_and_version()
    {
        var reply = _presenter.List([Backends.Connected()], Backends.Projects, "ML backends");

        Assert.Contains("🟢 **#12** yolo-v8 · Cars · 0.0.1", Lines(reply.Cards[0].Description!));
    }

    [Fact]
    public void A_backend_in_error_shows_a_short_excerpt_of_its_error_on_its_line()
    {
        var reply = _presenter.List([Backends.InError(error: "Setup failed because " + new string('z', 300))], Backends.Projects, "ML backends");

        var line = Lines(reply.Cards[0].Description!).Single(l => l.StartsWith("🔴", StringComparison.Ordinal));
        Assert.StartsWith("🔴 **#9** broken · Cars · 0.0.1 — Setup failed because", line, StringComparison.Ordinal);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
        Assert.InRange(line.Length, 40, 120);
    }

    [Fact]
    public void A_multi_line_error_stays_on_the_backend_line()
    {
        var reply = _presenter.List([Backends.InError(error: "first\nsecond")], Backends.Projects, "ML backends");

        Assert.Contains("🔴 **#9** broken · Cars · 0.0.1 — first second", Lines(reply.Cards[0].Description!));
    }

    [Fact]
    public void The_list_starts_with_a_summary_of_the_counts_per_state()
    {
        var reply = _presenter.List(Backends.FromFixture(), Backends.Projects, "ML backends");

        Assert.Equal("3 backends · 🟢 1 · 🔴 1 · ⚪ 1", Lines(reply.Cards[0].Description!)[0]);
    }

    [Fact]
    public void A_project_not_in_the_lookup_is_named_by_its_id()
    {
        var reply = _presenter.List([Backends.Connected(project: 44)], Backends.Projects, "ML backends");

        Assert.Contains("🟢 **#12** yolo-v8 · project 44 · 0.0.1", Lines(reply.Cards[0].Description!));
    }

    [Fact]
    public void An_empty_list_says_there_are_no_backends_and_how_to_add_one()
    {
        var reply = _presenter.List([], Backends.Projects, "ML backends · Cars");

        var text = reply.Cards[0].Description!;
        Assert.Contains("No ML backends", text, StringComparison.Ordinal);
        Assert.Contains("/ml add", text, StringComparison.Ordinal);
        Assert.Equal("ML backends · Cars", reply.Cards[0].Title);
    }

    [Fact]
    public void The_list_is_red_when_any_backend_is_in_error_and_green_when_all_are_connected()
    {
        Assert.Equal(Severity.Error, _presenter.List(Backends.FromFixture(), Backends.Projects, "t").Cards[0].Severity);
        Assert.Equal(Severity.Good, _presenter.List([Backends.Connected(1), Backends.Connected(2)], Backends.Projects, "t").Cards[0].Severity);
    }

    [Fact]
    public void A_list_of_one_project_links_to_it()
    {
        var reply = _presenter.List([Backends.Connected(1), Backends.Connected(2)], Backends.Projects, "t");

        Assert.Equal("https://ls.example.com/projects/3", reply.Cards[0].Url);
    }

    [Fact]
    public void A_short_list_is_one_page_without_a_page_footer()
    {
        var pages = _presenter.ListPages(Backends.FromFixture(), Backends.Projects, "ML backends");

        Assert.Single(pages);
        Assert.Null(pages[0].Cards[0].Footer);
        DiscordLimitsAssert.Fits(pages[0]);
    }

    [Fact]
    public void A_project_with_200_backends_renders_as_valid_pages_numbered_n_of_N()
    {
        var backends = Enumerable.Range(1, 200)
            .Select(i => i % 10 == 0 ? Backends.InError(i, error: new string('e', 2000)) : Backends.Connected(i, $"model-{i}-" + new string('m', 40)))
            .ToList();

        var pages = _presenter.ListPages(backends, Backends.Projects, "ML backends · Cars");

        Assert.True(pages.Count > 1);
        for (var i = 0; i < pages.Count; i++)
        {
            DiscordLimitsAssert.Fits(pages[i]);
            Assert.Equal($"Page {i + 1}/{pages.Count}", pages[i].Cards[0].Footer);
        }

        var listed = pages.SelectMany(p => Lines(p.Cards[0].Description!)).Count(l => l.Contains("**#", StringComparison.Ordinal));
        Assert.Equal(200, listed);
    }

    [Fact]
    public void Each_backend_line_in_the_example_keeps_its_own_state_emoji()
    {
        var lines = Lines(_presenter.List(Backends.FromFixture(), Backends.Projects, "t").Cards[0].Description!);

        Assert.Contains(lines, l => l.StartsWith("🟢 **#7** yolo", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("⚪ **#8** down-model", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("🔴 **#9** broken", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_state_is_counted_under_the_neutral_emoji()
    {
        var reply = _presenter.List([Backends.Connected() with { State = new MlBackendState("ZZ") }], Backends.Projects, "t");

        Assert.Equal("1 backend · ❔ 1", Lines(reply.Cards[0].Description!)[0]);
    }
}
