using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Tests.Watch;

namespace LabelStudioMl.Bot.Tests.Storage;

/// <summary>Subscriptions and backend states in the SQLite store.</summary>
public sealed class WatchStoreTests
{
    [Fact]
    public async Task Concurrent_subscriptions_from_many_channels_are_all_kept_and_survive_a_new_store()
    {
        using var temp = new TemporaryDatabase();
        await temp.Database.MigrateAsync();
        var store = new WatchStore(temp.Database, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => store.SubscribeAsync(
            TestSubscriptions.Of($"{1100000000000001000 + i}", WatchTargetKind.Backend, i, i % 5 + 1),
            [new MlBackend { Id = i, Project = i % 5 + 1, State = MlBackendState.Connected }],
            CancellationToken.None)));

        var reopened = new WatchStore(temp.Database, TimeProvider.System);
        Assert.Equal(40, (await reopened.ActiveSubscriptionsAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Unsubscribing_the_last_watch_of_a_project_forgets_its_backend_states()
    {
        using var temp = new TemporaryDatabase();
        await temp.Database.MigrateAsync();
        var store = new WatchStore(temp.Database, TimeProvider.System);
        var subscription = TestSubscriptions.OfProject("1100000000000000200", 3);
        await store.SubscribeAsync(subscription, [new MlBackend { Id = 12, Project = 3, State = MlBackendState.Error }], CancellationToken.None);

        var removed = await store.UnsubscribeAsync(subscription.ChannelId, subscription.Target, CancellationToken.None);

        Assert.Single(removed);
        await using var tx = await temp.Database.BeginAsync();
        Assert.Empty(await store.StatesAsync(tx, [3], CancellationToken.None));
    }
}
