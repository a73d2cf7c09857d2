using Microsoft.Data.Sqlite;

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

    /// <summary>The disk failed to read or write (SQLITE_IOERR, SQLITE_CANTOPEN).</summary>
    Unreadable,
}

/// <summary>A fault of the store at <see cref="Store"/>, said as the operator needs it.</summary>
internal sealed record StoreFault(StoreFaultKind Kind, string Store)
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
        _ => null,
    };

    /// <summary>What is wrong, starting lower-case so it reads inside a sentence ("not ready: the store at … is full").</summary>
    public string Problem => Kind switch
    {
        StoreFaultKind.ReadOnly => $"the store at {Store} is read-only",
        StoreFaultKind.Full => $"the store at {Store} is full (its disk has no space left)",
        StoreFaultKind.Gone => $"the store at {Store} is gone (the file was deleted or moved while the bot ran)",
        StoreFaultKind.Damaged => $"the store at {Store} is damaged (it is not a readable SQLite database)",
        _ => $"the store at {Store} cannot be read or written (the disk reported an I/O error)",
    };

    /// <summary>What the operator does about it.</summary>
    public string Fix => Kind switch
    {
        StoreFaultKind.ReadOnly => "Make the file, its folder and its disk writable for the bot's user; the bot notices by itself.",
        StoreFaultKind.Full => "Free space on that disk; the bot notices by itself.",
        StoreFaultKind.Gone => "Nothing more is saved until the bot restarts on a store that is there. Put the file back, "
            + "then restart the bot; a restart without it starts an empty store.",
        StoreFaultKind.Damaged => "Stop the bot, move the file aside (sqlite3's .recover may save its rows into a new file) "
            + "or restore a backup, then start the bot: without a file it starts an empty store.",
        _ => "Check the disk (dmesg, the volume's health); the bot notices by itself once it works again.",
    };
}

/// <summary>The store cannot be used; <see cref="Exception.Message"/> says why and what to do.</summary>
internal sealed class StoreFaultException(StoreFault fault, Exception? inner = null)
    : Exception($"{char.ToUpperInvariant(fault.Problem[0])}{fault.Problem[1..]}. {fault.Fix}", inner)
{
    public StoreFault Fault { get; } = fault;
}
