using System.Net.Sockets;
using Dapper;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LabelStudioMl.Bot.Tests.Storage;

/// <summary>
/// What the PostgreSQL store adds to the suite's run on it (<see cref="TestStore.PostgresVariable"/>): its settings,
/// its errors as PostgreSQL itself raises them, and bots that start together on one database.
/// </summary>
public sealed class PostgresStoreTests
{
    private const string Password = "pg-secret-7f3a9c";

    [Fact]
    public async Task A_PostgreSQL_server_that_does_not_answer_stops_the_bot_with_exit_1_naming_the_store_and_never_the_password()
    {
        var port = FreePort.Find();

        var result = await BotProcess.RunAsync([], Settings("Postgres", $"Host=127.0.0.1;Port={port};Database=bot;Username=ml;Password={Password};Timeout=3"));

        Assert.True(result.ExitCode == 1, $"Exit code {result.ExitCode}:\n{result.Error}");
        Assert.Contains("The store could not be opened", result.Error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL must run and be reachable there", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=labelstudio-ml-bot.db;Password=" + Password, "Storage:ConnectionString is not a PostgreSQL connection string")]
    [InlineData("Database=bot;Password=" + Password, "Storage:ConnectionString is not a PostgreSQL connection string (it names no Host)")]
    public async Task A_connection_string_PostgreSQL_cannot_use_exits_2_naming_the_setting_without_echoing_it(string connectionString, string expected)
    {
        var result = await BotProcess.RunAsync(["check"], Settings("Postgres", connectionString));

        Assert.True(result.ExitCode == 2, $"Exit code {result.ExitCode}:\n{result.Output}\n{result.Error}");
        Assert.Contains(expected, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains("Host=db.internal;Database=labelstudio_ml_bot;Username=bot", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_the_bot_does_not_know_exits_2_naming_the_choices()
    {
        var result = await BotProcess.RunAsync(["check"], Settings("Mongo", "Host=127.0.0.1"));

        Assert.True(result.ExitCode == 2, $"Exit code {result.ExitCode}:\n{result.Output}\n{result.Error}");
        Assert.Contains("Storage:Provider", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains("Postgres", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_refuses_the_connection_is_an_unreachable_store_told_as_such()
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={FreePort.Find()};Username=ml;Timeout=3");

        var e = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.IsType<SocketException>(e.InnerException);
        Assert.Equal(StoreFaultKind.Unreachable, StoreFault.KindOf(e));
        var fault = new StoreFault(StoreFaultKind.Unreachable, PostgresEngine.NameOf(connection.ConnectionString), StorageProvider.Postgres);
        Assert.StartsWith("the store at postgres://ml@127.0.0.1:", fault.Problem, StringComparison.Ordinal);
        Assert.EndsWith("cannot be reached (PostgreSQL does not answer, or is starting or stopping)", fault.Problem, StringComparison.Ordinal);
        Assert.Contains("Storage:ConnectionString's Host and Port", fault.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_waits_at_most_a_second_for_a_PostgreSQL_server_that_does_not_answer_then_runs_the_interaction_here()
    {
        using var silent = SilentServer.Start();
        await using var meters = TemporaryDatabase.Meters();
        using var logs = new CapturedLogs();
        using var loggers = new Microsoft.Extensions.Logging.LoggerFactory([logs]);
        var (database, health) = silent.Store(meters);
        var claims = new InteractionClaims(database, health, new Replica(), TimeProvider.System, loggers.CreateLogger<InteractionClaims>());

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var first = await claims.TryClaimAsync("1100000000000066001", CancellationToken.None);
        waited.Stop();

        Assert.True(first);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"The claim waited {waited.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains(logs.Messages, m => m.Contains("runs without a claim in the store (the store at postgres://ml@127.0.0.1", StringComparison.Ordinal)
            && m.Contains("cannot be reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_button_session_waits_at_most_two_seconds_for_a_PostgreSQL_server_that_does_not_answer_then_says_the_store_cannot_be_reached()
    {
        using var silent = SilentServer.Start();
        await using var meters = TemporaryDatabase.Meters();
        var (database, health) = silent.Store(meters);
        var sessions = new LabelStudioMl.Bot.Components.StoredSessions<string>(
            database, "page", LabelStudioMl.Bot.Tests.Components.BoundedSessionsTests.TextJson.Default.String, TimeProvider.System, idBytes: 8);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<StoreFaultException>(() => sessions.FindAsync("0123456789abcdef", CancellationToken.None));
        waited.Stop();

        // The press is answered with the fault (InteractionDispatcher.RunComponentAsync) well within Discord's 3 s.
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(2.9), $"The press waited {waited.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(StoreFaultKind.Unreachable, health.Observe(refused)?.Kind);
        Assert.DoesNotContain(Password, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A listener that accepts connections and never says a word: a PostgreSQL server that hangs, or packets that go nowhere.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);

        public static SilentServer Start()
        {
            var server = new SilentServer();
            server._listener.Start();
            return server;
        }

        /// <summary>The bot's store on this server, with Npgsql's connect timeout at its default of 15 s.</summary>
        public (BotDatabase Database, StoreHealth Health) Store(IServiceProvider meters)
        {
            var options = Microsoft.Extensions.Options.Options.Create(new StorageSettings
            {
                Provider = StorageProvider.Postgres,
                ConnectionString = $"Host=127.0.0.1;Port={((System.Net.IPEndPoint)_listener.LocalEndpoint).Port};Username=ml;Password={Password};Timeout=15",
            });
            var health = new StoreHealth(options, meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreHealth>.Instance);
            return (new BotDatabase(health, Microsoft.Extensions.Logging.Abstractions.NullLogger<BotDatabase>.Instance), health);
        }

        public void Dispose() => _listener.Dispose();
    }

    [PostgresFact]
    public async Task Writes_PostgreSQL_refuses_as_read_only_are_a_read_only_store_and_a_unique_index_is_none()
    {
        using var temp = new TemporaryDatabase();
        await temp.Database.MigrateAsync();
        await using var connection = await temp.Database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO store_probe (id, at) VALUES (1, 'now')");

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("INSERT INTO store_probe (id, at) VALUES (1, 'now')"));
        await connection.ExecuteAsync("SET default_transaction_read_only = on");
        var readOnly = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE store_probe SET at = 'later'"));

        Assert.True(temp.Database.IsUniqueViolation(duplicate));
        Assert.Null(StoreFault.KindOf(duplicate));
        Assert.Equal(StoreFaultKind.ReadOnly, StoreFault.KindOf(readOnly));
        Assert.False(temp.Database.IsUniqueViolation(readOnly));
    }

    [PostgresFact]
    public async Task Bots_starting_together_on_one_database_migrate_it_once()
    {
        using var temp = new TemporaryDatabase();
        await using var meters = TemporaryDatabase.Meters();
        var bots = Enumerable.Range(0, 4).Select(_ => TemporaryDatabase.StoreAt(temp.Store, meters).Database).ToList();

        await Task.WhenAll(bots.Select(b => Task.Run(() => b.MigrateAsync())));

        await using var connection = await temp.Database.OpenAsync();
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
    }

    private static Dictionary<string, string> Settings(string provider, string connectionString) => new()
    {
        ["LabelStudio__Url"] = $"http://127.0.0.1:{FreePort.Find()}",
        ["LabelStudio__ApiKey"] = "0123456789abcdef0123456789abcdef01234567",
        ["Discord__Token"] = "MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.store-test",
        ["Discord__ApiBaseUrl"] = $"http://127.0.0.1:{FreePort.Find()}/api/v10",
        ["Storage__Provider"] = provider,
        ["Storage__ConnectionString"] = connectionString,
    };
}

/// <summary>A fact that needs the PostgreSQL server of <see cref="TestStore.PostgresVariable"/>; skipped, saying so, without one.</summary>
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestStore.PostgresServer is null)
            Skip = $"No PostgreSQL server: the suite's run on PostgreSQL ({TestStore.PostgresVariable}, started by .ci/postgres) runs this.";
    }
}
