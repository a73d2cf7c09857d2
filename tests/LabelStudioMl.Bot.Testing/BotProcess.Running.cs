using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Testing;

// The running bot: an instance of BotProcess, started by StartAsync on a FakeDiscord's gateway.
public sealed partial class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Action<string>? _onLine;

    private BotProcess(Process process, Action<string>? onLine)
    {
        _process = process;
        _onLine = onLine;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The bot's process, for probes from outside (resident memory, CPU time).</summary>
    public Process Process => _process;

    /// <summary>Every line the bot printed so far, standard output and error interleaved.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>
    /// Where the bot serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> (it listens on a free port), as its
    /// start-up log line names it; null until that line came.
    /// </summary>
    public Uri? HealthAddress => _lines.Select(HealthAddressIn).FirstOrDefault(address => address is not null);

    /// <summary>The address of <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> when <paramref name="line"/> is the bot's log line naming it; else null.</summary>
    public static Uri? HealthAddressIn(string line) => HealthLine().Match(line) is { Success: true } m ? new Uri(m.Groups["address"].Value) : null;

    /// <summary>
    /// The configuration that points a bot at the fakes, as <c>--Section:Key=value</c> arguments: their addresses and
    /// keys, the <paramref name="store"/>, health on 127.0.0.1 and a free port, and <paramref name="settings"/> on top
    /// (e.g. access grants).
    /// </summary>
    public static string[] Arguments(FakeDiscord discord, FakeLabelStudio labelStudio, TestStore store, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(discord);
        ArgumentNullException.ThrowIfNull(labelStudio);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        var merged = discord.Configuration().ToDictionary(s => s.Key, s => s.Value ?? "", StringComparer.Ordinal);
        merged["LabelStudio:Url"] = labelStudio.BaseUrl.ToString();
        merged["LabelStudio:ApiKey"] = labelStudio.LegacyToken;
        foreach (var (key, value) in store.Settings)
            merged[key] = value;
        merged["Health:Address"] = "127.0.0.1";
        merged["Health:Port"] = "0";
        foreach (var (key, value) in settings)
            merged[key] = value;
        return [.. merged.Select(s => $"--{s.Key}={s.Value}")];
    }

    /// <summary>
    /// Starts <paramref name="executable"/> (or <c>dotnet LabelStudioMl.Bot.dll</c> when null) with
    /// <paramref name="args"/> and returns once it identified on <paramref name="discord"/>'s gateway; fails with what
    /// it printed if it exits or does not identify within 30 seconds. <paramref name="onLine"/> sees each line as it
    /// arrives.
    /// </summary>
    public static async Task<BotProcess> StartAsync(FakeDiscord discord, IEnumerable<string> args, string? executable = null, Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(discord);
        var identified = discord.IdentifyCount;
        var bot = new BotProcess(BotProcess.Start(args, executable: executable), onLine);
        try
        {
            await FakeDiscord.WaitUntilAsync(
                () => bot._process.HasExited
                    ? throw new InvalidOperationException($"The bot exited with {bot._process.ExitCode} before it identified:\n{bot.Output}")
                    : discord.HasLiveConnection && discord.IdentifyCount > identified,
                TimeSpan.FromSeconds(30),
                "the bot to identify on the gateway");
            return bot;
        }
        catch (TimeoutException e)
        {
            await bot.DisposeAsync();
            throw new TimeoutException($"{e.Message} The bot printed:\n{bot.Output}", e);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="executable"/> (or <c>dotnet LabelStudioMl.Bot.dll</c>) with <paramref name="args"/> and
    /// returns once its <c>/readyz</c> answers 200: for the HTTP interactions mode, which opens no gateway session (ready
    /// once the endpoint listens and <c>/ml</c> is registered). Fails with what it printed if it exits or is not ready
    /// within 60 seconds.
    /// </summary>
    public static async Task<BotProcess> StartReadyAsync(IEnumerable<string> args, string? executable = null)
    {
        var bot = new BotProcess(BotProcess.Start(args, executable: executable), null);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        try
        {
            while (DateTimeOffset.UtcNow < deadline)
            {
                if (bot._process.HasExited)
                    throw new InvalidOperationException($"The bot exited with {bot._process.ExitCode} before it was ready:\n{bot.Output}");
                if (bot.HealthAddress is { } health && await IsReadyAsync(http, new Uri(health, "/readyz")))
                    return bot;
                await Task.Delay(100);
            }

            throw new TimeoutException($"The bot was not ready within 60 s. It printed:\n{bot.Output}");
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, Uri readyz)
    {
        try
        {
            using var response = await http.GetAsync(readyz);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or <c>kill -9</c> would: it cleans nothing up.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Whether the process ended (it must not, while it serves).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Sends the bot SIGTERM, as <c>docker stop</c> or systemd would, and returns its exit code once it ended; fails
    /// with what it printed when it is still running after 30 seconds.
    /// </summary>
    public async Task<int> StopAsync()
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The bot did not stop within 30 s of SIGTERM; it printed:\n{Output}", e);
        }

        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (_process)
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    [GeneratedRegex("Health and metrics at (?<address>http://[^\\s\"]+)")]
    private static partial Regex HealthLine();

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _lines.Enqueue(line);
        _onLine?.Invoke(line);
    }
}
