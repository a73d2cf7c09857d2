using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.Health;
using LabelStudioMl.Bot.Tests.Storage;
using Microsoft.Data.Sqlite;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// The store failing under the running bot as disks do: deleted, full, read-only. Each is told to the user as what it
/// is (never "a bug"), fails readiness with the store's path, is counted, and loses no audit entry.
/// </summary>
[Collection(CapturedLogsGroup.Name)]
public sealed partial class StoreFaultTests
{
    private const string FastChecks = "00:00:00.200";

    [Fact]
    public async Task A_store_deleted_under_the_bot_is_gone_readiness_fails_and_the_log_says_how_to_copy_its_rows_back()
    {
        var settings = BotHarness.InformationLogging();
        settings["Storage:CheckInterval"] = FastChecks;
        settings["Storage:Provider"] = "Sqlite";
        await using var bot = await WatchSteps.StartAsync([.. settings.Select(s => (s.Key, s.Value))]);
        var (_, backend, _) = await bot.AddBackendAsync("yolo");
        Assert.Contains("Watching", await bot.RunAsync("watch", Option("backend", backend.Id)), StringComparison.Ordinal);
        using var http = HealthProbe.Client(bot);
        await HealthProbe.ReadyzAsync(http, HttpStatusCode.OK);

        File.Delete(bot.DatabasePath);

        var notReady = await HealthProbe.ReadyzAsync(http, HttpStatusCode.ServiceUnavailable);
        Assert.Contains($"the store at {bot.DatabasePath} is gone (the file was deleted or moved while the bot ran)", notReady, StringComparison.Ordinal);
        var error = await bot.ErrorInPlaceAsync(await bot.SlashAsync("unwatch", Option("backend", backend.Id)));
        Assert.Contains("The bot cannot save its data", error, StringComparison.Ordinal);
        Assert.Contains($"The store at {bot.DatabasePath} is gone", error, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", error, StringComparison.Ordinal);
        var metrics = await HealthProbe.MetricsAsync(http, m => PrometheusText.Value(m, "bot_store_faults_total", ("kind", "gone")) > 0);
        Assert.Equal(0, PrometheusText.Value(metrics, "bot_store_healthy"));

        // The deleted file is still open in the bot: the logged copy command brings back the watch made before.
        string? rescue = null;
        await FakeDiscord.WaitUntilAsync(
            () => (rescue = bot.Logs.Messages.Select(l => RescueCommand().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value) is not null,
            TimeSpan.FromSeconds(10), "the log line that says how to copy the store back");
        var copy = bot.DatabasePath + ".rescued";
        try
        {
            // As the operator would, with cp: it takes no lock, so the bot's lock on the file does not stand in the way.
            using (var cp = System.Diagnostics.Process.Start("cp", [rescue!, copy]))
                await cp.WaitForExitAsync();
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM watch_subscriptions WHERE disabled_at IS NULL"));
            Assert.Equal("watch", await connection.ExecuteScalarAsync<string>("SELECT command FROM audit_log ORDER BY id DESC LIMIT 1"));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [ScratchDiskFact]
    public async Task A_full_disk_is_said_to_be_full_keeps_the_audit_entry_and_recovers_once_space_is_freed()
    {
        using var disk = ScratchDisk.Mount(1024);
        var store = Path.Combine(disk.Folder, "bot.db");
        var settings = new[] { ("Storage:Provider", "Sqlite"), ("Storage:ConnectionString", $"Data Source={store}"), ("Storage:CheckInterval", FastChecks) };
        string filler;
        await using (var bot = await WatchSteps.StartAsync(settings))
        {
            var (_, backend, _) = await bot.AddBackendAsync("yolo");
            using var http = HealthProbe.Client(bot);
            await HealthProbe.ReadyzAsync(http, HttpStatusCode.OK);

            filler = disk.Fill();

            var notReady = await HealthProbe.ReadyzAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Contains($"the store at {store} is full (its disk has no space left): Free space on that disk", notReady, StringComparison.Ordinal);
            var error = await bot.ErrorInPlaceAsync(await bot.SlashAsync("watch", Option("backend", backend.Id)));
            Assert.Contains($"The store at {store} is full", error, StringComparison.Ordinal);
            Assert.Contains("Tell the bot's operator", error, StringComparison.Ordinal);
            await HealthProbe.MetricsAsync(http, m => PrometheusText.Value(m, "bot_store_faults_total", ("kind", "full")) > 0);

            // The refused audit entry is kept: /ml audit shows it while the disk is full.
            var audit = WriteCommandKit.Text((await bot.FinalAnswerAsync(await bot.SlashAsAsync([BotHarness.AdminRole], "audit"))).Body);
            Assert.Contains("store fault", audit, StringComparison.Ordinal);

            File.Delete(filler);

            Assert.Equal("ready", await HealthProbe.ReadyzAsync(http, HttpStatusCode.OK));
            Assert.Contains("Watching", await bot.RunAsync("watch", Option("backend", backend.Id)), StringComparison.Ordinal);
        }

        await using var connection = new SqliteConnection($"Data Source={store};Pooling=False");
        Assert.Equal(
            ["store fault", "ok"],
            await connection.QueryAsync<string>("SELECT outcome FROM audit_log WHERE command = 'watch' ORDER BY id"));
        SqliteConnection.ClearAllPools();
    }

    [ScratchDiskFact]
    public async Task A_store_on_a_read_only_disk_stops_the_bot_with_exit_2_saying_it_is_read_only()
    {
        using var disk = ScratchDisk.Mount(4096);
        var store = Path.Combine(disk.Folder, "bot.db");
        await using (var meters = TemporaryDatabase.Meters())
            await TemporaryDatabase.StoreAt(TestStore.Sqlite(store), meters).Database.MigrateAsync();
        SqliteConnection.ClearAllPools();
        disk.RemountReadOnly();

        // SQLite cannot open a write-ahead-log store where it cannot make its -shm file: the bot cannot even start.
        var (exit, error) = await StartOnAsync($"Data Source={store}");

        Assert.Equal(BotProgram.ExitConfiguration, exit);
        Assert.Contains($"The store at {store} is read-only. Make the file, its folder and its disk writable", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_store_stops_the_bot_with_exit_2_naming_the_file_and_what_to_do()
    {
        using var database = TemporaryDatabase.Sqlite();
        await File.WriteAllTextAsync(database.Path, new string('x', 8192));

        var (exit, error) = await StartOnAsync(database.ConnectionString);

        Assert.Equal(BotProgram.ExitConfiguration, exit);
        Assert.Contains($"The store at {database.Path} is damaged (it is not a readable SQLite database). Stop the bot, move the file aside", error, StringComparison.Ordinal);
    }

    /// <summary>Runs the bot's run verb on the store until it stops; its exit code and standard error. It must not reach the gateway.</summary>
    private static async Task<(int Exit, string Error)> StartOnAsync(string connectionString)
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var exit = await BotProgram.RunAsync(
            [$"--LabelStudio:Url={labelStudio.BaseUrl}", $"--LabelStudio:ApiKey={labelStudio.LegacyToken}", $"--Discord:Token={discord.BotToken}",
             $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Storage:ConnectionString={connectionString}", "--Health:Port=0"],
            TextWriter.Null, error, timeout.Token);

        Assert.Equal(0, discord.IdentifyCount);
        return (exit, error.ToString());
    }

    [GeneratedRegex(@"cp (/proc/\d+/fd/\d+) ")]
    private static partial Regex RescueCommand();
}
