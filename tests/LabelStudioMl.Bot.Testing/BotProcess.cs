using System.Diagnostics;

namespace LabelStudioMl.Bot.Testing;

/// <summary>
/// The built bot as a real process with a clean environment: LabelStudioMl.Bot.dll next to the tests through
/// <c>dotnet</c>, or, when an <c>executable</c> is given, that file itself (e.g. the Native AOT binary of
/// <see cref="NativeBot.PublishAsync"/>). <see cref="RunAsync"/> runs it to its exit, <see cref="ReadUntilAsync"/>
/// until it printed a line, <see cref="Start"/> hands over the raw process; an instance (<see cref="StartAsync"/>) is
/// the bot serving a FakeDiscord's gateway, with every line it printed kept, killed on dispose.
/// </summary>
public sealed partial class BotProcess
{
    /// <summary>What a finished run printed.</summary>
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    /// <summary>
    /// Runs the bot with <paramref name="args"/>, no bot settings inherited from the environment, and the given
    /// extra environment variables; kills it after <paramref name="timeout"/>. <paramref name="executable"/>, when
    /// given, is started instead of <c>dotnet LabelStudioMl.Bot.dll</c>.
    /// </summary>
    public static async Task<Result> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? executable = null)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(args, environment, executable);
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

    /// <summary>
    /// Starts the bot with <paramref name="args"/> and the same clean environment as <see cref="RunAsync"/>, and returns
    /// it running: standard input closed, standard output and error redirected for the caller to read. The caller
    /// owns the process and must kill it. <paramref name="executable"/>, when given, is started instead of
    /// <c>dotnet LabelStudioMl.Bot.dll</c>.
    /// </summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? executable = null)
    {
        var start = StartInfo(args, environment, executable);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started.");
        process.StandardInput.Close();
        return process;
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? executable)
    {
        var start = new ProcessStartInfo(executable ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (executable is null)
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LabelStudioMl.Bot.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LabelStudio__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Discord__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Health__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        // Bots started side by side must not race for the default health port.
        start.Environment["Health__Port"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        return start;
    }

    /// <summary>
    /// Starts the bot and reads its standard output until a line satisfies <paramref name="until"/>, then kills it.
    /// Returns every line read (standard output and error). <paramref name="executable"/>, when given, is started
    /// instead of <c>dotnet LabelStudioMl.Bot.dll</c>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadUntilAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, Func<string, bool> until, TimeSpan timeout, string? executable = null)
    {
        var start = StartInfo(args, environment, executable);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started.");
        var lines = new List<string>();
        var found = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (lines)
                lines.Add(line);
            if (until(line))
                found.TrySetResult();
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (lines)
                throw new TimeoutException($"No expected line within {timeout}; the bot printed:\n{string.Join("\n", lines)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        lock (lines)
            return [.. lines];
    }
}
