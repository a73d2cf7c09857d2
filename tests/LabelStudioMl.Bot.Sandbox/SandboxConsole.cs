using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Sandbox;

/// <summary>
/// The bot's <c>console</c> verb against a FakeLabelStudio with the sample projects and backends, in one process: try
/// every command without Discord or Label Studio. The store is a temporary file, deleted at the end.
/// </summary>
public static class SandboxConsole
{
    /// <summary>Runs until <paramref name="input"/> ends; returns the console's exit code.</summary>
    /// <param name="settings">Extra <c>--Section:Key=value</c> arguments for the bot (e.g. <c>--Access:Console:Level=View</c>).</param>
    /// <param name="input">The command lines.</param>
    /// <param name="output">Where replies go.</param>
    /// <param name="error">Where the banner, logs and failures go.</param>
    /// <param name="cancellationToken">Stops the console.</param>
    public static async Task<int> RunAsync(string[] settings, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        await using var labelStudio = await FakeLabelStudio.StartAsync(cancellationToken: cancellationToken);
        await SampleData.SeedAsync(labelStudio, cancellationToken);
        var store = Path.Combine(Path.GetTempPath(), $"labelstudio-ml-bot-sandbox-{Guid.NewGuid():N}.db");
        try
        {
            await error.WriteLineAsync($"Sandbox: a stand-in Label Studio at {labelStudio.BaseUrl} with projects "
                + $"{string.Join(", ", labelStudio.Projects.Select(p => $"#{p.Id} {p.Title}"))} and their ML backends.");
            await error.WriteLineAsync("Type commands as in Discord (/ml list, get backend:1, help …), one per line; end with Ctrl+D (Ctrl+Z on Windows).");
            string[] args =
            [
                "console",
                $"--LabelStudio:Url={labelStudio.BaseUrl}",
                $"--LabelStudio:ApiKey={labelStudio.CreatePersonalAccessToken()}",
                $"--Storage:ConnectionString=Data Source={store}",
                .. settings,
            ];
            return await BotProgram.RunAsync(args, input, output, error, cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(store + suffix);
        }
    }
}
