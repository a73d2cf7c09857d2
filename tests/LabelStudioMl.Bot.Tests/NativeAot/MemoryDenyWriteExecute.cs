using System.Diagnostics;
using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Tests.NativeAot;

/// <summary>
/// A launcher that forbids the program it starts to make memory executable once it was writable: the kernel's
/// memory-deny-write-execute (<c>prctl(PR_SET_MDWE)</c>, Linux 6.3 and later, kept across <c>exec</c>), which is what
/// <c>MemoryDenyWriteExecute=yes</c> in the systemd unit applies. A JIT cannot run under it (<c>dotnet</c> itself
/// dies with SIGSEGV); the Native AOT binary must. Built once with the C compiler Native AOT needs anyway.
/// </summary>
internal static class MemoryDenyWriteExecute
{
    private const string Source = """
        #include <stdio.h>
        #include <sys/prctl.h>
        #include <unistd.h>
        #ifndef PR_SET_MDWE
        #define PR_SET_MDWE 65
        #define PR_MDWE_REFUSE_EXEC_GAIN 1
        #endif
        int main(int argc, char **argv) {
          if (argc < 2) { fprintf(stderr, "usage: mdwe program [args...]\n"); return 110; }
          if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0L, 0L, 0L) != 0) {
            perror("prctl(PR_SET_MDWE) needs Linux 6.3 or later");
            return 111;
          }
          execv(argv[1], argv + 1);
          perror("execv");
          return 112;
        }
        """;

    /// <summary>The compilers Native AOT links with, in its order of preference.</summary>
    private static readonly string[] Compilers = ["clang", "gcc"];

    private static readonly Lazy<Task<string>> Launcher = new(BuildAsync);

    /// <summary>The launcher's path: run it with the program and its arguments.</summary>
    public static Task<string> LauncherAsync() => Launcher.Value;

    private static async Task<string> BuildAsync()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "mdwe");
        Directory.CreateDirectory(folder);
        var source = Path.Combine(folder, "mdwe.c");
        var launcher = Path.Combine(folder, "mdwe");
        await File.WriteAllTextAsync(source, Source);
        var compiler = Compilers.FirstOrDefault(OnPath)
            ?? throw new InvalidOperationException("Neither clang nor gcc is on PATH; Native AOT needs one of them too.");
        using var process = Process.Start(new ProcessStartInfo(compiler, ["-O2", "-o", launcher, source]) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{compiler} could not be started.");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{compiler} could not build the launcher ({process.ExitCode}):\n{error}");
        return launcher;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, program)));
}
