using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace LabelStudioMl.Bot.Storage;

/// <summary>
/// One SQLite file (pooled by Microsoft.Data.Sqlite), in WAL mode so readers never wait for the writer; every
/// connection has foreign keys on and a busy timeout, so concurrent writers queue instead of failing.
/// </summary>
internal sealed class SqliteEngine(string connectionString) : StoreEngine
{
    private const int CannotOpen = 14; // SQLITE_CANTOPEN: with mode ReadWrite, the file does not exist
    private const int Constraint = 19; // SQLITE_CONSTRAINT (https://sqlite.org/rescode.html)

    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 }.ToString();

    public override string Name => FilePath ?? "(in memory)";

    public override string? FilePath { get; } = StoreLock.StorePath(connectionString);

    public override StoreLock HoldStore() => FilePath is null ? StoreLock.None : StoreLock.Acquire(_connectionString);

    /// <summary>The one process on the file (<see cref="HoldStore"/>) leads for as long as it runs.</summary>
    public override Task<LeaderTerm?> TryLeadAsync(TimeSpan checkInterval, CancellationToken cancellationToken) =>
        Task.FromResult<LeaderTerm?>(new SoleTerm());

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task<DbConnection?> OpenExistingAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString);
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
            builder.Mode = SqliteOpenMode.ReadWrite;
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == CannotOpen)
        {
            await connection.DisposeAsync();
            return null;
        }
    }

    public override async Task<bool> HasTableAsync(DbConnection connection, string table) =>
        await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @Table", new { Table = table }) > 0;

    public override async Task<IAsyncDisposable> HoldSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // One process holds the file (StoreLock); the write-ahead log is a property of the file, set once.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        return NothingHeld.Instance;
    }

    public override string SqlOf(Migration migration) => migration.Sqlite;

    public override string InIds(string column) => $"{column} IN @Ids";

    /// <summary>SQLite names the kind only in its message; a failed CHECK or NOT NULL is a constraint too, but the store's statements never violate those.</summary>
    public override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: Constraint };

    /// <summary>Folds the write-ahead log into the file (once it is gone, so a copy of it holds every row).</summary>
    public async Task CheckpointAsync()
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private sealed class SoleTerm : LeaderTerm
    {
        public override Task<bool> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class NothingHeld : IAsyncDisposable
    {
        public static readonly NothingHeld Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
