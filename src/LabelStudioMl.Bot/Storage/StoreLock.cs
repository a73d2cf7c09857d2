using Microsoft.Data.Sqlite;

namespace LabelStudioMl.Bot.Storage;

/// <summary>
/// Makes the running bot the only one on its store: an exclusive advisory lock (<c>flock</c>, which is what .NET's
/// <see cref="FileShare.None"/> takes on Unix) on the SQLite file itself, held until the process ends (the operating
/// system releases it even after a crash). The lock belongs to the file, not to its name: a bot reaching the same file
/// through a symbolic link or a hard link meets it too. Two bots on one store would hold two gateway sessions and
/// answer every command twice. SQLite's own locks (<c>fcntl</c>) are separate and unaffected. A PostgreSQL store has
/// none: replicas share it (<see cref="PostgresEngine.HoldStore"/>).
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream? _file;
    private readonly string? _name;

    private StoreLock(FileStream? file)
    {
        _file = file;
        _name = NameOfLockedFile();
    }

    /// <summary>
    /// True once the locked file no longer has the name it had when locked: deleted, moved, or replaced by another
    /// file. Read from <c>/proc/self/fd</c> on Linux, which names the file a descriptor holds (with " (deleted)" once
    /// unlinked); elsewhere only a missing name is noticed.
    /// </summary>
    public bool Detached =>
        _file is not null && (_name is null ? !File.Exists(_file.Name) : NameOfLockedFile() != _name);

    /// <summary>
    /// A path that still reads the locked file while this process runs, even once it is deleted (Linux), for the
    /// operator to copy it back; null where there is none.
    /// </summary>
    public string? ReadableCopy => _file is not null && _name is not null ? $"/proc/{Environment.ProcessId}/fd/{Descriptor}" : null;

    private long Descriptor => _file!.SafeFileHandle.DangerousGetHandle().ToInt64();

    private string? NameOfLockedFile()
    {
        if (_file is null || !OperatingSystem.IsLinux())
            return null;
        try
        {
            return File.ResolveLinkTarget($"/proc/self/fd/{Descriptor}", returnFinalTarget: false)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>No lock: for a store that is not a file.</summary>
    public static StoreLock None => new(null);

    /// <summary>Takes the lock, or throws <see cref="BotStartException"/> naming the store when another bot holds it.</summary>
    public static StoreLock Acquire(string connectionString)
    {
        if (StorePath(connectionString) is not { } store)
            return new StoreLock(null);

        try
        {
            // Read access is enough for the lock, so a read-only store still gets this far and its own clear message.
            return new StoreLock(new FileStream(store, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None));
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException))
        {
            throw new BotStartException(
                $"Another LabelStudioMl.Bot is already running on the store {store} (it holds a lock on the file, whatever name "
                + "or link it was opened by). Two bots on one store would answer every command twice: stop the other one, or "
                + "give this one its own Storage:ConnectionString.", e);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or PathTooLongException or UnauthorizedAccessException)
        {
            throw new StorageException(
                $"The store could not be opened: {store} ({e.Message}). Check Storage:ConnectionString (environment variable "
                + "Storage__ConnectionString): the folder must exist and be writable.", e);
        }
    }

    /// <summary>The full path of the store's file, or null for in-memory stores (nothing to share, nothing to lock).</summary>
    public static string? StorePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
    }

    public void Dispose() => _file?.Dispose();
}
