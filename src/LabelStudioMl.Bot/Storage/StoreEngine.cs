using System.Data.Common;

namespace LabelStudioMl.Bot.Storage;

/// <summary>The database behind the store (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file, for one bot process (the embedded default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, which several bot processes may share.</summary>
    Postgres,
}

/// <summary>
/// What differs between the store's databases: how a connection is opened and set up, the dialect of the migrations,
/// and how an error reads. Everything else (the tables, the statements of the features) is the same on both.
/// </summary>
internal abstract class StoreEngine
{
    /// <summary>The engine for <paramref name="options"/>.</summary>
    public static StoreEngine For(StorageSettings options) => options.Provider switch
    {
        StorageProvider.Postgres => new PostgresEngine(options.ConnectionString),
        _ => new SqliteEngine(options.ConnectionString),
    };

    /// <summary>How messages name the store: a file's full path, or a PostgreSQL server and database (never a password).</summary>
    public abstract string Name { get; }

    /// <summary>The SQLite file, or null (in memory, or PostgreSQL): only a file can be locked, deleted or moved.</summary>
    public virtual string? FilePath => null;

    /// <summary>
    /// Makes the running bot the only one on the store until the returned lock is disposed (or the process ends), or
    /// throws <see cref="BotStartException"/> naming the store when another bot holds it.
    /// </summary>
    public abstract StoreLock HoldStore();

    /// <summary>
    /// Makes this process the leader of those sharing the store, or returns null while another one leads;
    /// <paramref name="checkInterval"/> is how often the term will be checked.
    /// </summary>
    public abstract Task<LeaderTerm?> TryLeadAsync(TimeSpan checkInterval, CancellationToken cancellationToken);

    /// <summary>A term as leader: held until disposed, or until <see cref="CheckAsync"/> finds it lost.</summary>
    public abstract class LeaderTerm : IAsyncDisposable
    {
        /// <summary>True while the term holds; false or an exception once it is lost.</summary>
        public abstract Task<bool> CheckAsync(CancellationToken cancellationToken);

        public abstract ValueTask DisposeAsync();
    }

    /// <summary>A new open connection, set up for the bot's statements.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A connection only when the store exists already (nothing is created); null when there is none yet.</summary>
    public abstract Task<DbConnection?> OpenExistingAsync(CancellationToken cancellationToken);

    /// <summary>Whether the store has <paramref name="table"/> (for <c>check</c>, which reads a store it must not create).</summary>
    public abstract Task<bool> HasTableAsync(DbConnection connection, string table);

    /// <summary>
    /// Holds the schema for the migrating process until the returned handle is disposed, so that bots starting
    /// together on one database migrate it once; set-up of the store itself (SQLite's write-ahead log) happens here too.
    /// </summary>
    public abstract Task<IAsyncDisposable> HoldSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The statements of <paramref name="migration"/> in this engine's dialect.</summary>
    public abstract string SqlOf(Migration migration);

    /// <summary>
    /// The condition that <paramref name="column"/> is one of the values of the list parameter <c>@Ids</c>: Dapper
    /// expands a list into one parameter per value where the database has no arrays (SQLite), and passes an array to
    /// Npgsql, which PostgreSQL compares with <c>= ANY</c>.
    /// </summary>
    public abstract string InIds(string column);

    /// <summary>Whether <paramref name="exception"/> is a unique index refusing a row.</summary>
    public abstract bool IsUniqueViolation(DbException exception);
}
