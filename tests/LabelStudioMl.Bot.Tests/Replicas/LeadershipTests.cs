using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Tests.EndToEnd;
using LabelStudioMl.Bot.Tests.Health;
using LabelStudioMl.Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Tests.Replicas;

/// <summary>One leader among the processes sharing a store runs the watcher, the resumer and the sender.</summary>
public sealed class LeadershipTests
{
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(3);

    [PostgresFact]
    public async Task Of_two_replicas_on_one_PostgreSQL_store_one_leads_and_the_other_takes_over_within_the_timeout_once_it_ends()
    {
        using var store = new TemporaryDatabase();
        await store.Database.MigrateAsync();
        await using var meters = TemporaryDatabase.Meters();
        var (firstWork, secondWork) = (new RecordedWork(), new RecordedWork());
        using var first = Elect(store, firstWork, meters);
        using var second = Elect(store, secondWork, meters);

        await first.StartAsync(CancellationToken.None);
        await FakeDiscord.WaitUntilAsync(() => first.Leads, TimeSpan.FromSeconds(10), "the first replica to lead");
        await second.StartAsync(CancellationToken.None);
        await Task.Delay(Takeover);
        Assert.False(second.Leads);
        Assert.Equal((1, 0), (firstWork.Starts, secondWork.Starts));

        var ended = TimeProvider.System.GetTimestamp();
        await first.StopAsync(CancellationToken.None);
        await FakeDiscord.WaitUntilAsync(() => second.Leads, Takeover + TimeSpan.FromSeconds(2), "the second replica to take over");

        Assert.True(TimeProvider.System.GetElapsedTime(ended) <= Takeover + TimeSpan.FromSeconds(2));
        Assert.Equal((1, 1), (firstWork.Stops, secondWork.Starts));
        await second.StopAsync(CancellationToken.None);
        Assert.Equal(1, secondWork.Stops);
    }

    [Fact]
    public async Task The_running_bot_says_on_metrics_that_its_replica_leads()
    {
        await using var bot = await BotHarness.StartAsync();
        using var http = HealthProbe.Client(bot);

        var replica = bot.Host.Services.GetRequiredService<Replica>().Name;

        // The gauge is there (at 0) from the start; the replica leads once its first try for the lock returned.
        var metrics = await HealthProbe.MetricsAsync(http, m => m.Contains("bot_leader{", StringComparison.Ordinal) && PrometheusText.Value(m, "bot_leader", ("replica", replica)) == 1);

        Assert.StartsWith($"{Environment.MachineName}/{Environment.ProcessId}/", replica, StringComparison.Ordinal);
        Assert.Equal(1, PrometheusText.Value(metrics, "bot_leader", ("replica", replica)));
    }

    private static Leadership Elect(TemporaryDatabase store, RecordedWork work, IServiceProvider meters) => new(
        store.Database, store.Health, new Replica(), Options.Create(new LeaderSettings { TakeoverTimeout = Takeover }), [new LeaderWork<RecordedWork>(work)], TimeProvider.System,
        meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), NullLogger<Leadership>.Instance);

    /// <summary>Counts how often the leader's work started and stopped.</summary>
    private sealed class RecordedWork : IHostedService
    {
        private int _starts;
        private int _stops;

        public int Starts => Volatile.Read(ref _starts);

        public int Stops => Volatile.Read(ref _stops);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _starts);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _stops);
            return Task.CompletedTask;
        }
    }
}
