using System.Diagnostics;

namespace LabelStudioMl.Bot.Tests.Deploy;

/// <summary>Runs the Docker Compose client found on this machine: <c>docker compose</c> (v2) or <c>docker-compose</c>.</summary>
internal static class DockerCompose
{
    private static readonly Lazy<string[]?> LazyCommand = new(Find);

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The command and its leading arguments, or null when neither client answers.</summary>
    public static string[]? Command => LazyCommand.Value;

    public static async Task<Result> RunAsync(params string[] args)
    {
        var command = Command ?? throw new InvalidOperationException("No Docker Compose client is installed.");
        return await ExecuteAsync([.. command, .. args]);
    }

    private static string[]? Find()
    {
        foreach (var candidate in new[] { new[] { "docker", "compose" }, ["docker-compose"] })
        {
            try
            {
                if (ExecuteAsync([.. candidate, "version"]).GetAwaiter().GetResult().ExitCode == 0)
                    return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed.
            }
        }

        return null;
    }

    private static async Task<Result> ExecuteAsync(string[] commandLine)
    {
        var start = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in commandLine[1..])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}

/// <summary>A fact that is skipped, saying why, where no Docker Compose client is installed (CI has only the .NET SDK).</summary>
internal sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        if (DockerCompose.Command is null)
            Skip = "Neither `docker compose` nor `docker-compose` is installed; the compose file's structure is still checked by YamlDotNet.";
    }
}
