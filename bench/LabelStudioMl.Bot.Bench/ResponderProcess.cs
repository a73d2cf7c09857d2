using System.Collections.Concurrent;
using System.Diagnostics;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// <see cref="MinimalResponder"/> in a process of its own: this bench's assembly run again by <c>dotnet</c> with
/// <c>--minimal-responder</c> (JIT, tiered up by the warm-up), told where to answer in environment variables. Like the
/// bot, it sleeps between interactions and each answer wakes it; the bench process beside the fakes never sleeps that
/// deeply. Closing its standard input ends it.
/// </summary>
internal sealed class ResponderProcess : IResponder
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _failures = new();

    private ResponderProcess(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
                _failures.Enqueue(e.Data);
        };
        process.BeginErrorReadLine();
    }

    public string? Failure => _failures.TryPeek(out var failure) ? failure : null;

    /// <summary>Starts the process against <paramref name="discord"/> and <paramref name="labelStudio"/>; returns once it identified.</summary>
    public static async Task<ResponderProcess> StartAsync(FakeDiscord discord, FakeLabelStudio labelStudio)
    {
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host, [typeof(ResponderProcess).Assembly.Location, "--minimal-responder"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in MinimalResponder.Target.Of(discord, labelStudio).Environment)
            start.Environment[name] = value;
        var identified = discord.IdentifyCount;
        var responder = new ResponderProcess(Process.Start(start) ?? throw new InvalidOperationException($"{host} could not be started."));
        await FakeDiscord.WaitUntilAsync(() => discord.IdentifyCount > identified || responder._process.HasExited, TimeSpan.FromSeconds(20), "the minimal responder's process to identify");
        if (responder._process.HasExited)
            throw new InvalidOperationException($"The minimal responder's process exited with {responder._process.ExitCode}: {responder.Failure}");
        return responder;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
