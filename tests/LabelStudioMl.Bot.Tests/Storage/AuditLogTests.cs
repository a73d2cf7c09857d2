using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Tests.Storage;

public sealed class AuditLogTests
{
    private static AuditEntry Entry(int? backend, string command = "train", string outcome = "ok") => new(
        DateTimeOffset.UtcNow, "1001", "ana", "42", "77", command, $"backend:{backend}", backend, outcome, 200, 12);

    [Fact]
    public async Task Entries_come_back_newest_first_and_filtered_by_backend()
    {
        using var temp = new TemporaryDatabase();
        await temp.Database.MigrateAsync();
        using var audit = temp.NewAuditLog();

        await audit.WriteAsync(Entry(1, "train"));
        await audit.WriteAsync(Entry(2, "update"));
        await audit.WriteAsync(Entry(1, "remove", "denied"));

        var all = await audit.RecentAsync(backendId: null, limit: 10);
        var one = await audit.RecentAsync(backendId: 1, limit: 10);

        Assert.Equal(["remove", "update", "train"], all.Select(e => e.Command));
        Assert.Equal(["remove", "train"], one.Select(e => e.Command));
        Assert.Equal("denied", one[0].Outcome);
        Assert.Equal(200, one[0].LabelStudioStatus);
        Assert.Single(await audit.RecentAsync(null, limit: 1));
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_entry()
    {
        using var temp = new TemporaryDatabase();
        await temp.Database.MigrateAsync();
        using var audit = temp.NewAuditLog();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
                await audit.WriteAsync(Entry(writer));
        })));

        Assert.Equal(200, (await audit.RecentAsync(null, 1000)).Count);
    }
}
