using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.LabelStudio;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Catalog;

/// <summary>Project titles for replies: from the catalog, else from one project-list read that fills it, bounded in time.</summary>
public sealed class ProjectLookupTests
{
    [Fact]
    public async Task A_miss_reads_the_project_list_once_and_later_lookups_of_any_project_use_the_catalog()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var cars = ls.AddProject("Cars");
        var bikes = ls.AddProject("Bikes");
        await using var harness = LabelStudioHarness.Create(ls);
        var lookup = new ProjectLookup(new BackendCatalog(), harness.Client, new FakeTimeProvider(DateTimeOffset.UnixEpoch));

        var first = await lookup.FindAsync(cars.Id, CancellationToken.None);
        var second = await lookup.FindAsync(bikes.Id, CancellationToken.None);

        Assert.Equal("Cars", first?.Title);
        Assert.Equal("Bikes", second?.Title);
        Assert.Single(ls.Requests, r => r.Path == "/api/projects/");
    }

    [Fact]
    public async Task A_project_the_list_lacks_costs_one_read_per_minute_however_often_it_is_asked_for()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        ls.AddProject("Cars");
        await using var harness = LabelStudioHarness.Create(ls);
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var lookup = new ProjectLookup(new BackendCatalog(), harness.Client, time);

        for (var i = 0; i < 5; i++)
            Assert.Null(await lookup.FindAsync(4242, CancellationToken.None));
        var readsWithinAMinute = ls.Requests.Count(r => r.Path == "/api/projects/");
        var created = ls.AddProject("Created later");
        Assert.Null(await lookup.FindAsync(created.Id, CancellationToken.None));
        time.Advance(ProjectLookup.RereadAfter);
        var found = await lookup.FindAsync(created.Id, CancellationToken.None);

        Assert.Equal(1, readsWithinAMinute);
        Assert.Equal("Created later", found?.Title);
        Assert.Equal(2, ls.Requests.Count(r => r.Path == "/api/projects/"));
    }

    [Fact]
    public async Task Label_Studio_down_leaves_the_title_out_instead_of_failing_the_reply()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var cars = ls.AddProject("Cars");
        await using var harness = LabelStudioHarness.Create(ls, settings: new Dictionary<string, string?> { ["LabelStudio:ReadRetries"] = "0" });
        var lookup = new ProjectLookup(new BackendCatalog(), harness.Client, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await ls.DisposeAsync();

        Assert.Null(await lookup.FindAsync(cars.Id, CancellationToken.None));
    }
}
