using System.Diagnostics;

namespace LabelStudioMl.Bot.Tests.Storage;

/// <summary>
/// A real, small disk for the store: a tmpfs of a given size mounted on a temporary folder, so a full disk answers
/// writes with ENOSPC and a read-only one with EROFS, as production disks do. Needs root (CI and this sandbox run as
/// root); unmounted (lazily, should a file still be open) on dispose.
/// </summary>
internal sealed class ScratchDisk : IDisposable
{
    private ScratchDisk(string folder) => Folder = folder;

    /// <summary>Why no scratch disk can be mounted here, or null when one can.</summary>
    public static string? Unavailable { get; } = Probe();

    /// <summary>The mounted folder.</summary>
    public string Folder { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kib"/> KiB.</summary>
    public static ScratchDisk Mount(int kib)
    {
        var folder = Directory.CreateTempSubdirectory("lsbot-disk-").FullName;
        try
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={kib}k", "tmpfs", folder);
        }
        catch
        {
            Directory.Delete(folder);
            throw;
        }

        return new ScratchDisk(folder);
    }

    /// <summary>Writes a file of zeros until the disk refuses more; returns it (delete it to free the space).</summary>
    public string Fill()
    {
        var filler = Path.Combine(Folder, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full.
        }

        return filler;
    }

    /// <summary>Makes the disk read-only (only possible while no file on it is open for writing).</summary>
    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Folder);

    public void Dispose()
    {
        Run("umount", "-l", Folder);
        Directory.Delete(Folder);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return "Mounting a scratch disk needs root on Linux; the store's disk faults are then tested only through SQLite's own error codes.";
        try
        {
            using var disk = Mount(64);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"No tmpfs can be mounted here ({e.Message}).";
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Trim()}");
    }
}

/// <summary>A fact that is skipped, saying why, where no scratch disk can be mounted.</summary>
internal sealed class ScratchDiskFactAttribute : FactAttribute
{
    public ScratchDiskFactAttribute()
    {
        if (ScratchDisk.Unavailable is { } reason)
            Skip = reason;
    }
}
