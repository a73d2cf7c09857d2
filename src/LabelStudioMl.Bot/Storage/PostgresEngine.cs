using System.Data.Common;
using Dapper;
using Npgsql;

namespace LabelStudioMl.Bot.Storage;

/// <summary>
/// A PostgreSQL database (Npgsql, pooled per connection string), which several bot processes share. The bot creates
/// its tables in the first schema of the connection's search path; it never creates the database or the role.
/// </summary>
internal sealed class PostgresEngine(string connectionString) : StoreEngine
{
    // The bot's advisory locks are keyed by a purpose and the schema its tables are in (stores in two schemas of one
    // database are two stores): the lock bots take while they migrate, so bots starting together migrate once, and
    // the leader's.
    private const int SchemaLock = 0x4C534D01;
    private const int LeaderKey = 0x4C534D03;
    private const string ForThisSchema = "(@Purpose, hashtext(current_schema()))";

    public override string Name { get; } = NameOf(connectionString);

    /// <summary>
    /// No lock: bot processes share a PostgreSQL store as replicas. Each interaction is claimed in the store
    /// (<c>interaction_claims</c>), button sessions live there, and one leader runs the watcher, the resumer and the sender.
    /// </summary>
    public override StoreLock HoldStore() => StoreLock.None;

    /// <summary>
    /// The leader's advisory lock, in a session of its own outside the pool. The session asks the server to probe the
    /// connection (TCP keepalives) so that a leader whose machine vanished loses the lock within about
    /// <paramref name="checkInterval"/> plus three seconds; a killed process closes its connection, and loses it at once.
    /// </summary>
    public override async Task<LeaderTerm?> TryLeadAsync(TimeSpan checkInterval, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)checkInterval.TotalSeconds);
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false, KeepAlive = seconds, CommandTimeout = seconds, Timeout = Math.Max(seconds, 3),
        }.ConnectionString);
        try
        {
            await session.OpenAsync(cancellationToken);
            await session.ExecuteAsync(
                "SELECT set_config('tcp_keepalives_idle', @Idle, false), set_config('tcp_keepalives_interval', '1', false), set_config('tcp_keepalives_count', '3', false)",
                new { Idle = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (await session.ExecuteScalarAsync<bool>($"SELECT pg_try_advisory_lock{ForThisSchema}", new { Purpose = LeaderKey }))
                return new SessionTerm(session);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        await session.DisposeAsync();
        return null;
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A database is never created by the bot, so the one named exists or opening it fails.</summary>
    public override async Task<DbConnection?> OpenExistingAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    public override async Task<bool> HasTableAsync(DbConnection connection, string table) =>
        await connection.ExecuteScalarAsync<bool>("SELECT to_regclass(@Table) IS NOT NULL", new { Table = table });

    public override async Task<IAsyncDisposable> HoldSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // A session lock: released by the unlock below, or by PostgreSQL when the connection ends (a crash included).
        await connection.ExecuteAsync($"SELECT pg_advisory_lock{ForThisSchema}", new { Purpose = SchemaLock });
        return new SchemaHold(connection);
    }

    public override string SqlOf(Migration migration) => migration.Postgres;

    public override string InIds(string column) => $"{column} = ANY(@Ids)";

    public override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>The connection string's server and database, as <c>postgres://user@host:port/database</c>; never its password.</summary>
    public static string NameOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var user = string.IsNullOrEmpty(builder.Username) ? "" : $"{builder.Username}@";
        return $"postgres://{user}{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    /// <summary>Held while the session lives: closing it (no pool) releases the lock.</summary>
    private sealed class SessionTerm(NpgsqlConnection session) : LeaderTerm
    {
        public override async Task<bool> CheckAsync(CancellationToken cancellationToken) =>
            await session.ExecuteScalarAsync<int>("SELECT 1") == 1;

        public override ValueTask DisposeAsync() => session.DisposeAsync();
    }

    private sealed class SchemaHold(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await connection.ExecuteAsync($"SELECT pg_advisory_unlock{ForThisSchema}", new { Purpose = SchemaLock });
    }
}
