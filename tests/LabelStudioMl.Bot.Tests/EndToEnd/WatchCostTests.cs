using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.Watch;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>What watching costs Label Studio: one list per watched project per poll, never one call per backend.</summary>
public sealed class WatchCostTests
{
    [Fact]
    public async Task Watching_1000_backends_in_100_projects_costs_exactly_100_Label_Studio_calls_per_poll()
    {
        await using var bot = await StartWithoutWatcherLoopAsync(concurrency: 8);
        var servers = new List<FakeMlServer>();
        for (var i = 0; i < 10; i++)
            servers.Add(await bot.LabelStudio.StartMlServerAsync());
        var store = bot.Host.Services.GetRequiredService<WatchStore>();
        var projects = new List<int>();
        for (var p = 0; p < 100; p++)
        {
            var project = bot.LabelStudio.AddProject($"Project {p}");
            projects.Add(project.Id);
            for (var b = 0; b < 10; b++)
                bot.LabelStudio.AddBackend(project.Id, servers[b].Url, $"model-{p}-{b}");
            await store.SubscribeAsync(TestSubscriptions.OfProject(WatchSteps.Channel, project.Id), [], CancellationToken.None);
        }

        var catalog = bot.Host.Services.GetRequiredService<BackendCatalog>();
        await FakeDiscord.WaitUntilAsync(() => catalog.RefreshedAt is not null, TimeSpan.FromSeconds(60), "the autocomplete catalog's first refresh");
        var watcher = bot.Host.Services.GetRequiredService<BackendStateWatcher>();

        foreach (var poll in new[] { "baseline", "compare" })
        {
            bot.LabelStudio.ClearRequests();
            Assert.True(await watcher.RunCycleAsync(CancellationToken.None), poll);

            var calls = bot.LabelStudio.Requests;
            Assert.Equal(100, calls.Count);
            Assert.All(calls, c => Assert.Equal(("GET", "/api/ml/"), (c.Method, c.Path)));
            Assert.Equal(projects.Select(p => $"/api/ml/?project={p}").Order(), calls.Select(c => c.PathAndQuery).Order());
        }

        Assert.Empty(bot.Discord.ChannelMessages);
    }

    [Fact]
    public async Task A_poll_keeps_at_most_Watch_Concurrency_Label_Studio_calls_in_flight()
    {
        await using var bot = await StartWithoutWatcherLoopAsync(concurrency: 3);
        var ml = await bot.LabelStudio.StartMlServerAsync();
        var store = bot.Host.Services.GetRequiredService<WatchStore>();
        for (var p = 0; p < 12; p++)
        {
            var project = bot.LabelStudio.AddProject($"Project {p}");
            bot.LabelStudio.AddBackend(project.Id, ml.Url, $"model-{p}");
            await store.SubscribeAsync(TestSubscriptions.OfProject(WatchSteps.Channel, project.Id), [], CancellationToken.None);
        }

        var catalog = bot.Host.Services.GetRequiredService<BackendCatalog>();
        await FakeDiscord.WaitUntilAsync(() => catalog.RefreshedAt is not null, TimeSpan.FromSeconds(20), "the catalog's only refresh, which would overlap the poll");
        var watcher = bot.Host.Services.GetRequiredService<BackendStateWatcher>();
        bot.LabelStudio.Options.ResponseDelay = TimeSpan.FromMilliseconds(150);
        bot.LabelStudio.ClearRequests();
        Assert.True(await watcher.RunCycleAsync(CancellationToken.None));

        Assert.Equal(12, bot.LabelStudio.Requests.Count(r => r.Path == "/api/ml/"));
        Assert.Equal(3, bot.LabelStudio.PeakConcurrentApiRequests);
    }

    /// <summary>The real host with the watcher's loop taken out, so a test runs polls one at a time.</summary>
    private static Task<BotHarness> StartWithoutWatcherLoopAsync(int concurrency) =>
        BotHarness.StartAsync(
            new Dictionary<string, string> { ["Catalog:RefreshInterval"] = "1.00:00:00", ["Watch:Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            services: s =>
            {
                s.Remove(s.Single(d => d.ImplementationType == typeof(LeaderWork<BackendStateWatcher>)));
            });
}
