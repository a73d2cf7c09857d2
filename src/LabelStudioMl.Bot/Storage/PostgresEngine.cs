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
    // the one the running bot holds, one bot per store in this release.
    private const int SchemaLock = 0x4C534D01;
    private const int StoreLockKey = 0x4C534D02;
    private const string ForThisSchema = "(@Purpose, hashtext(current_schema()))";

    public override string Name { get; } = NameOf(connectionString);

    /// <summary>
    /// A session of its own, outside the pool (a pooled connection would keep the lock after it was given back), holds
    /// the advisory lock; PostgreSQL releases it when the session ends, a crash of the bot included. TCP keepalives
    /// let the server notice a bot whose machine vanished.
    /// </summary>
    public override StoreLock HoldStore()
    {
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 10 }.ConnectionString);
        try
        {
            session.Open();
            if (session.ExecuteScalar<bool>($"SELECT pg_try_advisory_lock{ForThisSchema}", new { Purpose = StoreLockKey }))
                return StoreLock.HeldBy(session);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        session.Dispose();
        throw new BotStartException(
            $"Another LabelStudioMl.Bot is already running on the store {Name} (it holds the bot's advisory lock in that database). "
            + "Two bots on one store would answer every command twice: stop the other one, or give this one its own database or "
            + "Search Path in Storage:ConnectionString.");
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

    private sealed class SchemaHold(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await connection.ExecuteAsync($"SELECT pg_advisory_unlock{ForThisSchema}", new { Purpose = SchemaLock });
    }
}
