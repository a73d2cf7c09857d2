using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Storage;

/// <summary>
/// The store: opens connections on its engine (<c>Storage:Provider</c>: one SQLite file, or PostgreSQL) and brings
/// the schema up to date with the versioned <see cref="Migrations"/>.
/// </summary>
internal sealed partial class BotDatabase(StoreHealth health, ILogger<BotDatabase> logger)
{
    private int _keptWhatIsLeft;

    /// <summary>
    /// An open connection, set up by the engine. Throws <see cref="StoreFaultException"/> once a SQLite file is gone:
    /// what would be written now would be lost at the next start.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (health.FileGone() is { } gone)
        {
            await KeepWhatIsLeftAsync();
            throw new StoreFaultException(gone);
        }

        return await health.Engine.OpenAsync(cancellationToken);
    }

    /// <summary>
    /// As <see cref="OpenAsync"/>, waiting at most <paramref name="limit"/> for the connection: what comes before an
    /// interaction's first answer (a claim, a button press), which Discord wants within 3 s, must not wait for Npgsql's
    /// own connect timeout (15 s by default), which cancellation does not cut short. Past the limit it throws a
    /// <see cref="StoreFaultException"/> (the store cannot be reached); a connection that opens later is closed.
    /// </summary>
    public async Task<DbConnection> OpenWithinAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        var opening = OpenAsync(bounded.Token);
        try
        {
            return await opening.WaitAsync(bounded.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or Npgsql.NpgsqlException && bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _ = CloseWhenOpenedAsync(opening);
            throw new StoreFaultException(new StoreFault(StoreFaultKind.Unreachable, health.Store, health.Provider), e);
        }
    }

    private static async Task CloseWhenOpenedAsync(Task<DbConnection> opening)
    {
        await ((Task)opening).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (opening.IsCompletedSuccessfully)
            await opening.Result.DisposeAsync();
    }

    /// <summary>Opens a connection (as <see cref="OpenAsync"/>) and begins a transaction on it: one unit of work.</summary>
    public async Task<StoreTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            return new StoreTransaction(connection, await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The condition that <paramref name="column"/> is one of the list parameter <c>@Ids</c> (<see cref="StoreEngine.InIds"/>).</summary>
    public string InIds(string column) => health.Engine.InIds(column);

    /// <summary>Whether several bot processes may share the store (PostgreSQL): what one takes on, it claims in the store.</summary>
    public bool IsShared => health.Provider == StorageProvider.Postgres;

    /// <summary>Whether <paramref name="exception"/> is a unique index of the store refusing a row.</summary>
    public bool IsUniqueViolation(DbException exception) => health.Engine.IsUniqueViolation(exception);

    /// <summary>Writes one row, so that a fault of the disk shows while nothing else writes; a write that works clears a fault.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await connection.ExecuteAsync(
                "INSERT INTO store_probe (id, at) VALUES (1, @At) ON CONFLICT (id) DO UPDATE SET at = excluded.at",
                new { At = DateTimeOffset.UtcNow.ToString("O") });
            health.Recovered();
        }
        catch (Exception e) when (health.Observe(e) is not null)
        {
            // Recorded and logged by the store's health; the next probe tries again.
        }
    }

    /// <summary>
    /// A connection to the store only when it exists (it is never created here) and has <paramref name="table"/>;
    /// null otherwise. For <c>check</c>, which reads the store and must not leave an empty one behind.
    /// </summary>
    public async Task<DbConnection?> OpenExistingAsync(string table, CancellationToken cancellationToken = default)
    {
        var connection = await health.Engine.OpenExistingAsync(cancellationToken);
        if (connection is null || await health.Engine.HasTableAsync(connection, table))
            return connection;
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Once the file is gone, moves what the write-ahead log holds into it (still open under its old identity), so
    /// that a copy taken from <see cref="StoreLock.ReadableCopy"/> holds every row. Tried once; a failure is logged.
    /// </summary>
    private async Task KeepWhatIsLeftAsync()
    {
        if (Interlocked.Exchange(ref _keptWhatIsLeft, 1) == 1)
            return;
        try
        {
            if (health.Engine is SqliteEngine file)
                await file.CheckpointAsync();
        }
        catch (SqliteException e)
        {
            LogCheckpointFailed(e.Message);
        }
    }

    /// <summary>
    /// Applies every migration the store has not recorded, in version order, each in its own transaction, while it
    /// holds the schema (bots starting together on one PostgreSQL database migrate it once). Missing versions below
    /// the newest applied one are applied too: branches that each added a version may have run in either order
    /// against a development store.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var held = await health.Engine.HoldSchemaAsync(connection, cancellationToken);
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """);

        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations")).ToHashSet();
        var current = applied.Count == 0 ? 0 : applied.Max();
        var newest = Migrations.All[^1].Version;
        if (current > newest)
        {
            throw new StorageException(
                $"The store {health.Engine.Name} has schema version {current}, newer than this bot knows ({newest}). "
                + "Run the newer bot version, or point Storage:ConnectionString at another store.");
        }

        foreach (var migration in Migrations.All.Where(m => !applied.Contains(m.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(health.Engine.SqlOf(migration), transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToString("O") },
                transaction);
            await transaction.CommitAsync(cancellationToken);
            LogMigrated(migration.Version, migration.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The write-ahead log of the store that is gone could not be folded into it: {Message}")]
    private partial void LogCheckpointFailed(string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store migrated to schema version {Version} ({Name})")]
    private partial void LogMigrated(int version, string name);
}

/// <summary>The store cannot be used as it is; the message says why and what to do.</summary>
internal sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
