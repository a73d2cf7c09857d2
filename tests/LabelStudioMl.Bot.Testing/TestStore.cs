using Microsoft.Data.Sqlite;
using Npgsql;

namespace LabelStudioMl.Bot.Testing;

/// <summary>
/// The store of one test, thrown away afterwards: a SQLite file under /tmp, or, when <see cref="PostgresVariable"/>
/// names a PostgreSQL server (<c>.ci/postgres</c> starts a throwaway one), a schema of its own on that server, so
/// the suite runs unchanged against either provider.
/// </summary>
public sealed class TestStore : IDisposable
{
    /// <summary>The environment variable holding the Npgsql connection string of the server the suite runs on.</summary>
    public const string PostgresVariable = "LSML_TEST_POSTGRES";

    private readonly string? _schema;

    private TestStore(string provider, string connectionString, string? filePath, string? schema)
    {
        Provider = provider;
        ConnectionString = connectionString;
        FilePath = filePath;
        _schema = schema;
    }

    /// <summary>The server of <see cref="PostgresVariable"/>, or null when the suite runs on SQLite.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    /// <summary>A store on the provider this run of the suite uses.</summary>
    public static TestStore Create() => PostgresServer is { } server ? Postgres(server) : Sqlite();

    /// <summary>A SQLite store (for what only a file can do: be deleted, locked, made read-only), whatever the run's provider.</summary>
    public static TestStore Sqlite(string? path = null)
    {
        path ??= Path.Combine(Path.GetTempPath(), $"lsbot-test-{Guid.NewGuid():N}.db");
        return new TestStore("Sqlite", $"Data Source={path}", path, null);
    }

    /// <summary>A store in a new, empty schema on <paramref name="server"/>: the bot creates its tables there.</summary>
    public static TestStore Postgres(string server)
    {
        var schema = $"t_{Guid.NewGuid():N}";
        Execute(server, $"CREATE SCHEMA {schema}");
        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema };
        return new TestStore("Postgres", builder.ConnectionString, null, schema);
    }

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, as <c>Storage:Provider</c> takes it.</summary>
    public string Provider { get; }

    /// <summary><c>Storage:ConnectionString</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? FilePath { get; }

    /// <summary>Whether the store is a PostgreSQL schema.</summary>
    public bool IsPostgres => _schema is not null;

    /// <summary>The bot's settings for this store.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage:Provider"] = Provider,
        ["Storage:ConnectionString"] = ConnectionString,
    };

    /// <summary><see cref="Settings"/> as command-line arguments.</summary>
    public string[] Arguments => [.. Settings.Select(s => $"--{s.Key}={s.Value}")];

    public void Dispose()
    {
        if (_schema is not null)
        {
            using (var connection = new NpgsqlConnection(ConnectionString))
                NpgsqlConnection.ClearPool(connection);
            Execute(PostgresServer ?? new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = null }.ConnectionString, $"DROP SCHEMA IF EXISTS {_schema} CASCADE");
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(FilePath + suffix);
    }

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
