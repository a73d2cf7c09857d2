using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// The minimal discord.js 14 bot of <c>bench/discordjs/bot.js</c> as a <c>node</c> process against the stands: the same
/// gateway and REST of FakeDiscord, the same Label Studio read as the bench's baseline; killed on dispose.
/// </summary>
internal sealed class DiscordJsBot : IAsyncDisposable
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "bench", "discordjs");
    private static readonly string[] Tools = ["node", "npm"];
    private readonly ConcurrentQueue<string> _lines = new();

    private DiscordJsBot(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>Everything the bot printed so far (it prints <c>ready</c>, and a line for each interaction it could not answer).</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Why the side-by-side run cannot run here (no <c>node</c> or <c>npm</c> on the PATH), or null.</summary>
    public static string? Missing()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        var absent = Tools.Where(tool => !path.Any(folder => File.Exists(Path.Combine(folder, tool)))).ToList();
        return absent.Count == 0 ? null : $"Skipped: {string.Join(" and ", absent)} not found on the PATH.";
    }

    /// <summary>Runs <c>npm ci</c> in <c>bench/discordjs</c> when its <c>node_modules</c> lack discord.js; returns discord.js's version.</summary>
    public static async Task<string> InstallAsync()
    {
        var manifest = Path.Combine(Folder, "node_modules", "discord.js", "package.json");
        if (!File.Exists(manifest))
        {
            Suite.Log("bench/discordjs: npm ci");
            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("npm could not be started.");
            var (output, error) = (npm.StandardOutput.ReadToEndAsync(), npm.StandardError.ReadToEndAsync());
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
                throw new InvalidOperationException($"npm ci failed ({npm.ExitCode}): {await output}{await error}");
        }

        return JsonNode.Parse(await File.ReadAllTextAsync(manifest))!["version"]!.GetValue<string>();
    }

    /// <summary>Starts <c>node bot.js</c> against <paramref name="stands"/>; returns once it is ready and identified.</summary>
    public static async Task<DiscordJsBot> StartAsync(Stands stands)
    {
        var identified = stands.Discord.IdentifyCount;
        var start = new ProcessStartInfo("node", ["bot.js"])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["DISCORD_TOKEN"] = stands.Discord.BotToken,
                // discord.js appends /v<version> to its REST base itself.
                ["DISCORD_API"] = stands.Discord.ApiBaseUrl.ToString()[..^"/v10".Length],
                ["LS_URL"] = stands.LabelStudio.BaseUrl.ToString(),
                ["LS_TOKEN"] = stands.LabelStudio.LegacyToken,
            },
        };
        var bot = new DiscordJsBot(Process.Start(start) ?? throw new InvalidOperationException("node could not be started."));
        try
        {
            await FakeDiscord.WaitUntilAsync(
                () => bot.Process.HasExited || (stands.Discord.IdentifyCount > identified && bot._lines.Contains("ready")),
                TimeSpan.FromSeconds(30),
                "the discord.js bot to be ready");
            if (bot.Process.HasExited)
                throw new InvalidOperationException($"The discord.js bot exited ({bot.Process.ExitCode}):\n{bot.Output}");
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
            Process.Kill();
        await Process.WaitForExitAsync();
        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
            _lines.Enqueue(line);
    }
}
