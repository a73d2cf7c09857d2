using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class StatusBoardTests
{
    private static readonly Dictionary<int, Project> TwoProjects = new()
    {
        [3] = Backends.Cars,
        [5] = new Project { Id = 5, Title = "Animals" },
    };

    private readonly BackendPresenter _presenter = new(Backends.LabelStudioUrl);

    [Fact]
    public void Projects_with_problems_come_first_and_problems_lead_inside_a_project()
    {
        var backends = new List<MlBackend>
        {
            Backends.Connected(1, "a", project: 5),
            Backends.Connected(2, "b", project: 3),
            Backends.Disconnected(3) with { Project = 3 },
            Backends.InError(4) with { Project = 3 },
        };

        var text = _presenter.StatusBoard(backends, TwoProjects).Cards[0].Description!;

        var cars = text.IndexOf("**Cars**", StringComparison.Ordinal);
        var animals = text.IndexOf("**Animals**", StringComparison.Ordinal);
        Assert.InRange(cars, 0, animals - 1);
        var error = text.IndexOf("🔴 **#4**", StringComparison.Ordinal);
        var down = text.IndexOf("⚪ **#3**", StringComparison.Ordinal);
        var ok = text.IndexOf("🟢 **#2**", StringComparison.Ordinal);
        Assert.True(cars < error && error < down && down < ok, text);
    }

    [Fact]
    public void The_board_opens_with_the_counts_per_state_and_the_number_of_projects()
    {
        var backends = new List<MlBackend> { Backends.Connected(1, project: 5), Backends.InError(2) };

        var text = _presenter.StatusBoard(backends, TwoProjects).Cards[0].Description!;

        Assert.StartsWith("2 backends · 🟢 1 · 🔴 1 in 2 projects", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_under_a_project_do_not_repeat_the_project()
    {
        var text = _presenter.StatusBoard([Backends.Connected()], TwoProjects).Cards[0].Description!;

        Assert.Contains("🟢 **#12** yolo-v8 · 0.0.1", text.Split('\n'));
    }

    [Fact]
    public void A_huge_board_counts_healthy_backends_instead_of_listing_them_and_fits_Discord()
    {
        var backends = Enumerable.Range(1, 400).Select(i => Backends.Connected(i, "model-" + new string('m', 30), project: 3 + (i % 2 * 2)))
            .Append(Backends.InError(1000))
            .ToList();

        var reply = _presenter.StatusBoard(backends, TwoProjects);

        DiscordLimitsAssert.Fits(reply);
        var text = reply.Cards[0].Description!;
        Assert.Contains("🔴 **#1000**", text, StringComparison.Ordinal);
        Assert.Contains("🟢 200 connected", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_board_says_how_to_add_a_backend()
    {
        var text = _presenter.StatusBoard([], TwoProjects).Cards[0].Description!;

        Assert.Contains("No ML backends", text, StringComparison.Ordinal);
        Assert.Contains("/ml add", text, StringComparison.Ordinal);
    }
}
