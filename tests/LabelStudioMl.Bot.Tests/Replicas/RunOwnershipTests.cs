using Dapper;
using LabelStudioMl.Bot.Features.Train;
using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Tests.Storage;
using LabelStudioMl.Bot.Transports.Console;

namespace LabelStudioMl.Bot.Tests.Replicas;

/// <summary>Which training runs a leader takes over: those of a process that ended, never a live replica's.</summary>
public sealed class RunOwnershipTests
{
    [PostgresFact]
    public async Task On_a_shared_store_a_run_is_interrupted_only_once_its_replica_stopped_beating()
    {
        using var temp = new TemporaryDatabase();
        await temp.Database.MigrateAsync();
        var replica = new Replica();
        using var outbox = new NotificationOutbox(temp.Database, TimeProvider.System, new ConsolePostFormat(TimeProvider.System), replica);
        var runs = new TrainingRunStore(temp.Database, outbox, replica);
        var now = DateTimeOffset.UtcNow;
        var (run, _) = await runs.TryStartAsync(new TrainingRun(0, 7, 1, "1100000000000000901", null, null, null, "u", "user", now, null, TrainingStatus.Running), CancellationToken.None);
        await using (var connection = await temp.Database.OpenAsync())
            await connection.ExecuteAsync("INSERT INTO replicas (name, seen_at) VALUES (@Name, @At)", new { Name = replica.Name, At = now.ToString("O") });

        var whileAlive = await runs.InterruptLeftoversAsync(now - TimeSpan.FromSeconds(15), CancellationToken.None);
        var afterItStopped = await runs.InterruptLeftoversAsync(now + TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal((0, 1), (whileAlive, afterItStopped));
        Assert.Equal(TrainingStatus.Interrupted, (await runs.FindAsync(run.Id, CancellationToken.None))!.Status);
    }
}
