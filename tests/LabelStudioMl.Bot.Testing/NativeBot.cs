using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace LabelStudioMl.Bot.Testing;

/// <summary>
/// The bot as it ships: published with Native AOT for linux-x64, so code that only fails at run time without a JIT or
/// reflection metadata (runtime IL emit, reflection-based binding or serialization) fails under test too.
/// </summary>
public static class NativeBot
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Published = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <c>dotnet publish src/LabelStudioMl.Bot -c Release -r linux-x64 -o <paramref name="outputDirectory"/></c>
    /// (the project sets <c>PublishAot</c>), once per process and output directory, and returns the full path of the
    /// binary. Fails with everything the publish printed when it exits with an error.
    /// </summary>
    /// <remarks>
    /// No other global property: one would reach the referenced libraries too, so a <c>dotnet build -c Release</c>
    /// and this publish would each find the libraries built differently, recompile them, and the publish would run the
    /// whole Native AOT compilation (1–2 minutes) every time instead of seconds.
    /// </remarks>
    public static Task<string> PublishAsync(string outputDirectory)
    {
        var output = Path.GetFullPath(outputDirectory);
        return Published.GetOrAdd(output, o => new Lazy<Task<string>>(() => RunPublishAsync(o))).Value;
    }

    private static async Task<string> RunPublishAsync(string outputDirectory)
    {
        var project = Path.Combine(RepositoryPaths.Root, "src", "LabelStudioMl.Bot", "LabelStudioMl.Bot.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };

        // No build node or compiler server outlives the publish: it would hold the redirected output open.
        foreach (var arg in new[]
                 {
                     "publish", project, "-c", "Release", "-r", "linux-x64", "-o", outputDirectory,
                     "-nodeReuse:false", "-p:UseSharedCompilation=false", "--nologo",
                 })
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "false";

        var printed = new StringBuilder();
        using var process = new Process { StartInfo = start };
        void Keep(string? line)
        {
            if (line is null)
                return;
            lock (printed)
                printed.AppendLine(line);
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();

        var binary = Path.Combine(outputDirectory, "LabelStudioMl.Bot");
        lock (printed)
        {
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"dotnet publish of the Native AOT bot exited with {process.ExitCode}:\n{printed}");
            if (!File.Exists(binary))
                throw new InvalidOperationException($"dotnet publish succeeded but wrote no {binary}:\n{printed}");
        }

        return binary;
    }
}
