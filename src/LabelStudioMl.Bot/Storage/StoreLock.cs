using LabelStudioMl.Bot.Health;
using Microsoft.Data.Sqlite;

namespace LabelStudioMl.Bot.Storage;

/// <summary>
/// Makes the running bot the only one on its store: an exclusive lock on <c>&lt;store&gt;.lock</c> beside the SQLite
/// file, held until the process ends (the operating system releases it even after a crash). Two bots on one store
/// would hold two gateway sessions and answer every command twice. The file itself stays; only the lock counts.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream? _file;

    private StoreLock(FileStream? file) => _file = file;

    /// <summary>Takes the lock, or throws <see cref="BotStartException"/> naming the store when another bot holds it.</summary>
    public static StoreLock Acquire(string connectionString)
    {
        if (StorePath(connectionString) is not { } store)
            return new StoreLock(null);

        var path = store + ".lock";
        try
        {
            return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException))
        {
            throw new BotStartException(
                $"Another LabelStudioMl.Bot is already running on the store {store} (it holds {path}). Two bots on one store "
                + "would answer every command twice: stop the other one, or give this one its own Storage:ConnectionString.", e);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or PathTooLongException or UnauthorizedAccessException)
        {
            throw new StorageException(
                $"The store could not be opened: its lock file {path} could not be created ({e.Message}). Check Storage:ConnectionString (environment variable "
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
