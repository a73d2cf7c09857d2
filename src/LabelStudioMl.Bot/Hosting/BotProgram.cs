using System.Text.Json;
using LabelStudioMl.Bot.Check;
using LabelStudioMl.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>The process entry: picks the verb, validates configuration (exit code 2 with one line per problem), runs.</summary>
internal static class BotProgram
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitConfiguration = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (!ProcessVerbParser.TryParse(args, out var verb, out var rest, out var unknown))
        {
            await error.WriteLineAsync($"Unknown command '{unknown}'. Run without a command to start the bot, with 'check' to diagnose the setup, or with 'console' to type commands.");
            return ExitConfiguration;
        }

        IHost host;
        try
        {
            host = BotHost.CreateBuilder(rest, verb).Build();
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or InvalidOperationException)
        {
            await error.WriteLineAsync($"The configuration could not be read: {e.Message} Fix appsettings.json (it must be valid JSON) or the arguments.");
            return ExitConfiguration;
        }

        using (host)
        {
            switch (verb)
            {
                case ProcessVerb.Check:
                    return await host.Services.GetRequiredService<CheckCommand>().RunAsync(output, cancellationToken);
                case ProcessVerb.Console:
                    await error.WriteLineAsync("The console verb is not available in this version yet.");
                    return ExitFailed;
                default:
                    return await RunBotAsync(host, error, cancellationToken);
            }
        }
    }

    private static async Task<int> RunBotAsync(IHost host, TextWriter error, CancellationToken cancellationToken)
    {
        var failures = ConfigurationCheck.All(host.Services);
        if (failures.Count > 0)
        {
            ConfigurationCheck.Print(failures, error);
            return ExitConfiguration;
        }

        try
        {
            await host.Services.GetRequiredService<BotDatabase>().MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (e is StorageException or SqliteException)
        {
            await error.WriteLineAsync(e is StorageException
                ? e.Message
                : $"The store could not be opened: {e.Message} Check Storage:ConnectionString (environment variable Storage__ConnectionString): "
                  + "the folder must exist and be writable.");
            return ExitFailed;
        }

        try
        {
            await host.RunAsync(cancellationToken);
            return ExitOk;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LabelStudioMl.Bot").LogCritical(e, "The bot stopped after an unexpected failure");
            return ExitFailed;
        }
    }
}
