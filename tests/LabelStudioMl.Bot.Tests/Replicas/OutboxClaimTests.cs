using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Tests.Storage;
using LabelStudioMl.Bot.Transports.Console;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Replicas;

/// <summary>The outbox on a store shared by replicas: two senders never take the same row, and nothing owed stays stuck.</summary>
public sealed class OutboxClaimTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly TemporaryDatabase _store = new();

    public void Dispose() => _store.Dispose();

    [PostgresFact]
    public async Task Two_senders_reading_at_once_claim_disjoint_rows_and_a_claim_lapses_after_its_lease()
    {
        await _store.Database.MigrateAsync();
        using var one = Outbox();
        using var two = Outbox();
        for (var i = 0; i < 40; i++)
            await one.EnqueueAsync(Post($"alert {i}"), CancellationToken.None);

        var read = await Task.WhenAll(one.DueAsync(25, text => text, (_, _) => { }, CancellationToken.None), two.DueAsync(25, text => text, (_, _) => { }, CancellationToken.None));
        var taken = read.SelectMany(r => r.Select(p => p.Id)).ToList();
        var again = await two.DueAsync(100, text => text, (_, _) => { }, CancellationToken.None);
        _time.Advance(NotificationOutbox.ClaimLease);
        var lapsed = await two.DueAsync(100, text => text, (_, _) => { }, CancellationToken.None);

        Assert.Equal(40, taken.Count);
        Assert.Equal(40, taken.Distinct().Count());
        Assert.Empty(again);
        Assert.Equal(40, lapsed.Count);
    }

    [PostgresFact]
    public async Task A_row_held_for_a_follow_up_is_posted_once_its_grace_passed_as_its_replica_must_have_ended()
    {
        await _store.Database.MigrateAsync();
        using var outbox = Outbox();
        await using (var tx = await _store.Database.BeginAsync())
        {
            await outbox.EnqueueAsync(tx, [Post("training finished") with { AwaitsFollowUp = true }], CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        var held = await outbox.DueAsync(10, text => text, (_, _) => { }, CancellationToken.None);
        _time.Advance(NotificationOutbox.FollowUpGrace);
        var owed = await outbox.DueAsync(10, text => text, (_, _) => { }, CancellationToken.None);

        Assert.Empty(held);
        Assert.Single(owed);
    }

    private NotificationOutbox Outbox() => new(_store.Database, _time, new ConsolePostFormat(_time), new Replica());

    private static ChannelPost Post(string text) => new("1100000000000000200", NotificationKind.Alert, new Reply { Content = text });
}
