using System.Diagnostics;

namespace LabelStudioMl.Bot.Testing;

/// <summary>Starts the built bot (LabelStudioMl.Bot.dll next to the tests) as a real process with a clean environment.</summary>
public static class BotProcess
{
    /// <summary>What a finished run printed.</summary>
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    /// <summary>
    /// Runs the bot with <paramref name="args"/>, no bot settings inherited from the environment, and the given
    /// extra environment variables; kills it after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LabelStudioMl.Bot.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LabelStudio__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Discord__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The bot did not exit within {timeout ?? TimeSpan.FromSeconds(60)}; it printed: {await output}{await error}");
        }

        return new Result(process.ExitCode, await output, await error, clock.Elapsed);
    }
}
