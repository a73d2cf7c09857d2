using Microsoft.Data.Sqlite;
using Npgsql;

namespace LabelStudioMl.Bot.Storage;

/// <summary>What keeps the store from being used; none of them is a bug, each needs the operator.</summary>
internal enum StoreFaultKind
{
    /// <summary>The file or its disk refuses writes (SQLITE_READONLY).</summary>
    ReadOnly,

    /// <summary>The disk has no space left (SQLITE_FULL).</summary>
    Full,

    /// <summary>The file was deleted, moved or replaced while the bot ran: what it writes would be lost at restart.</summary>
    Gone,

    /// <summary>The file is not a readable SQLite database (SQLITE_CORRUPT, SQLITE_NOTADB).</summary>
    Damaged,

    /// <summary>The disk failed to read or write (SQLITE_IOERR, SQLITE_CANTOPEN; PostgreSQL's 58030).</summary>
    Unreadable,

    /// <summary>The PostgreSQL server does not answer, is starting or shutting down, or dropped the connection.</summary>
    Unreachable,
}

/// <summary>A fault of the store at <see cref="Store"/>, said as the operator needs it.</summary>
internal sealed record StoreFault(StoreFaultKind Kind, string Store, StorageProvider Provider = StorageProvider.Sqlite)
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html); the extended READONLY_DBMOVED is its own
    // finding that the file it has open no longer has its name.
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const int SqliteNotADatabase = 26;
    private const int SqliteReadOnlyDatabaseMoved = 1032;

    /// <summary>The kind of store fault behind <paramref name="exception"/>, or null when it is none (a constraint, a bug).</summary>
    public static StoreFaultKind? KindOf(Exception exception) => exception switch
    {
        StoreFaultException fault => fault.Fault.Kind,
        SqliteException { SqliteExtendedErrorCode: SqliteReadOnlyDatabaseMoved } => StoreFaultKind.Gone,
        SqliteException { SqliteErrorCode: SqliteReadOnly } => StoreFaultKind.ReadOnly,
        SqliteException { SqliteErrorCode: SqliteFull } => StoreFaultKind.Full,
        SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } => StoreFaultKind.Damaged,
        SqliteException { SqliteErrorCode: SqliteIoError or SqliteCannotOpen } => StoreFaultKind.Unreadable,
        PostgresException postgres => KindOf(postgres.SqlState),
        NpgsqlException { IsTransient: true } => StoreFaultKind.Unreachable, // no answer, a refused or a broken connection, a timeout
        _ => null,
    };

    /// <summary>
    /// PostgreSQL's error codes that are faults of the server, not of a statement
    /// (https://www.postgresql.org/docs/current/errcodes-appendix.html).
    /// </summary>
    private static StoreFaultKind? KindOf(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.DiskFull or PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.InsufficientResources => StoreFaultKind.Full,
        PostgresErrorCodes.ReadOnlySqlTransaction => StoreFaultKind.ReadOnly,
        PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted => StoreFaultKind.Damaged,
        PostgresErrorCodes.IoError => StoreFaultKind.Unreadable,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections => StoreFaultKind.Unreachable,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StoreFaultKind.Unreachable, // connection exceptions
        _ => null,
    };

    /// <summary>What is wrong, starting lower-case so it reads inside a sentence ("not ready: the store at … is full").</summary>
    public string Problem => Provider == StorageProvider.Postgres ? ServerProblem : Kind switch
    {
        StoreFaultKind.ReadOnly => $"the store at {Store} is read-only",
        StoreFaultKind.Full => $"the store at {Store} is full (its disk has no space left)",
        StoreFaultKind.Gone => $"the store at {Store} is gone (the file was deleted or moved while the bot ran)",
        StoreFaultKind.Damaged => $"the store at {Store} is damaged (it is not a readable SQLite database)",
        _ => $"the store at {Store} cannot be read or written (the disk reported an I/O error)",
    };

    /// <summary>What the operator does about it.</summary>
    public string Fix => Provider == StorageProvider.Postgres ? ServerFix : Kind switch
    {
        StoreFaultKind.ReadOnly => "Make the file, its folder and its disk writable for the bot's user; the bot notices by itself.",
        StoreFaultKind.Full => "Free space on that disk; the bot notices by itself.",
        StoreFaultKind.Gone => "Nothing more is saved until the bot restarts on a store that is there. Put the file back, "
            + "then restart the bot; a restart without it starts an empty store.",
        StoreFaultKind.Damaged => "Stop the bot, move the file aside (sqlite3's .recover may save its rows into a new file) "
            + "or restore a backup, then start the bot: without a file it starts an empty store.",
        _ => "Check the disk (dmesg, the volume's health); the bot notices by itself once it works again.",
    };

    private string ServerProblem => Kind switch
    {
        StoreFaultKind.ReadOnly => $"the store at {Store} is read-only (PostgreSQL refuses writes there)",
        StoreFaultKind.Full => $"the store at {Store} is full (the PostgreSQL server is out of disk, memory or connections)",
        StoreFaultKind.Damaged => $"the store at {Store} is damaged (PostgreSQL reports corrupted data)",
        StoreFaultKind.Unreadable => $"the store at {Store} cannot be read or written (the PostgreSQL server reported an I/O error)",
        _ => $"the store at {Store} cannot be reached (PostgreSQL does not answer, or is starting or stopping)",
    };

    private string ServerFix => Kind switch
    {
        StoreFaultKind.ReadOnly => "Point Storage:ConnectionString at the primary server (not a standby), or turn off "
            + "default_transaction_read_only for the bot's database; the bot notices by itself.",
        StoreFaultKind.Full => "Free disk space on the PostgreSQL server or raise its max_connections; the bot notices by itself.",
        StoreFaultKind.Damaged => "Restore the database from a backup; PostgreSQL's server log names the damaged relation.",
        StoreFaultKind.Unreadable => "Check the PostgreSQL server's disk; the bot notices by itself once it works again.",
        _ => "Check that PostgreSQL runs and that Storage:ConnectionString's Host and Port reach it; the bot notices by itself.",
    };
}

/// <summary>The store cannot be used; <see cref="Exception.Message"/> says why and what to do.</summary>
internal sealed class StoreFaultException(StoreFault fault, Exception? inner = null)
    : Exception($"{char.ToUpperInvariant(fault.Problem[0])}{fault.Problem[1..]}. {fault.Fix}", inner)
{
    public StoreFault Fault { get; } = fault;
}
