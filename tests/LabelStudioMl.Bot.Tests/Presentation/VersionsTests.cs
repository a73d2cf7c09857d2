using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class VersionsTests
{
    private readonly BackendPresenter _presenter = new(Backends.LabelStudioUrl);

    [Fact]
    public void The_backends_current_model_version_is_marked()
    {
        var backend = Backends.Connected() with { ModelVersion = "2" };

        var reply = _presenter.Versions(backend, new MlBackendVersions { Versions = ["1", "2", "3"] });

        var lines = reply.Cards[0].Description!.Split('\n');
        Assert.Equal(["• 1", "✅ **2** (current)", "• 3"], lines);
        Assert.Equal("2", reply.Cards[0].Fields.Single(f => f.Name == "Current").Value);
    }

    [Fact]
    public void Label_Studios_fallback_message_is_shown_with_what_it_means()
    {
        var reply = _presenter.Versions(
            Backends.Connected(),
            new MlBackendVersions { Versions = ["0.0.1"], Message = "Upgrade your ML backend version to latest." });

        var said = reply.Cards[0].Fields.Single(f => f.Name == "Label Studio says").Value;
        Assert.Contains("Upgrade your ML backend version to latest.", said, StringComparison.Ordinal);
        Assert.Contains("no `/versions` route", said, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_message_there_is_no_message_field()
    {
        var reply = _presenter.Versions(Backends.Connected(), new MlBackendVersions { Versions = ["0.0.1"] });

        Assert.DoesNotContain(reply.Cards[0].Fields, f => f.Name == "Label Studio says");
    }

    [Fact]
    public void No_versions_says_so_and_a_backend_without_version_shows_none_set()
    {
        var reply = _presenter.Versions(Backends.Connected() with { ModelVersion = "" }, new MlBackendVersions());

        Assert.Contains("no model versions", reply.Cards[0].Description, StringComparison.Ordinal);
        Assert.Equal("none set", reply.Cards[0].Fields.Single(f => f.Name == "Current").Value);
    }

    [Fact]
    public void Thousands_of_versions_are_cut_with_a_count_of_the_rest_and_stay_within_limits()
    {
        var many = Enumerable.Range(1, 3000).Select(i => $"2025.01.{i:D4}").ToList();

        var reply = _presenter.Versions(Backends.Connected(), new MlBackendVersions { Versions = many });

        DiscordLimitsAssert.Fits(reply);
        Assert.Matches(@"… and \d+ more$", reply.Cards[0].Description!);
    }

    [Fact]
    public void Title_names_the_backend_and_is_coloured_by_its_state()
    {
        var reply = _presenter.Versions(Backends.InError(), new MlBackendVersions { Versions = ["0.0.1"] });

        Assert.Equal("🔴 #9 broken · model versions", reply.Cards[0].Title);
        Assert.Equal(Severity.Error, reply.Cards[0].Severity);
    }
}
