using System.Data.Common;
using System.Text.Json;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Transports.Console;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>The process entry: picks the verb, validates configuration (exit code 2 with one line per problem), runs.</summary>
internal static partial class BotProgram
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitConfiguration = 2;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, Console.In, output, error, cancellationToken);

    /// <summary>Runs the process; <paramref name="input"/> is what the <c>console</c> verb reads its lines from.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (args is ["--version"])
        {
            await output.WriteLineAsync(BotVersion.Text);
            return ExitOk;
        }

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
                    return await RunConsoleAsync(host, input, output, error, cancellationToken);
                default:
                    return await RunBotAsync(host, error, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The console: lines from <paramref name="input"/> until its end, each run to completion. Exit 0 when every line
    /// worked, 1 when any printed an error or a refusal (so scripts can stop on it), 2 for configuration problems.
    /// </summary>
    private static async Task<int> RunConsoleAsync(IHost host, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(host, error, cancellationToken) is { } failed)
            return failed;

        var printer = new ConsoleOutput(output, host.Services.GetRequiredService<TimeProvider>());
        var session = ActivatorUtilities.CreateInstance<ConsoleSession>(host.Services, printer);
        var failures = await session.RunAsync(input, cancellationToken);
        if (failures > 0)
            await error.WriteLineAsync($"{failures} line{(failures == 1 ? "" : "s")} failed (marked {ReplyText.ErrorMark} or {ReplyText.DeniedMark}).");
        return failures == 0 ? ExitOk : ExitFailed;
    }

    /// <summary>
    /// Validates the configuration, runs <paramref name="beforeStore"/> (the running bot takes its store lock there)
    /// and migrates the store; returns the exit code when any of them fails.
    /// </summary>
    private static async Task<int?> PrepareAsync(IHost host, TextWriter error, CancellationToken cancellationToken, Action? beforeStore = null)
    {
        var failures = SettingsSections.Problems(host.Services);
        if (failures.Count > 0)
        {
            ConfigurationCheck.Print(failures, error);
            return ExitConfiguration;
        }

        try
        {
            beforeStore?.Invoke();
            await host.Services.GetRequiredService<BotDatabase>().MigrateAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (host.Services.GetRequiredService<StoreHealth>().Diagnose(e) is { } kind and not (StoreFaultKind.Unreadable or StoreFaultKind.Unreachable))
        {
            // Read-only, full or damaged: a restart cannot help, so exit 2 (systemd's unit does not restart on it).
            var health = host.Services.GetRequiredService<StoreHealth>();
            await error.WriteLineAsync($"{new StoreFaultException(new StoreFault(kind, health.Store, health.Provider)).Message} ({health.Provider}: {e.Message})");
            return ExitConfiguration;
        }
        catch (Exception e) when (e is StorageException or DbException or BotStartException)
        {
            await error.WriteLineAsync(e is StorageException or BotStartException
                ? e.Message
                : $"The store could not be opened: {e.Message} Check Storage:ConnectionString (environment variable Storage__ConnectionString): "
                  + (host.Services.GetRequiredService<StoreHealth>().Provider == StorageProvider.Postgres
                      ? "PostgreSQL must run and be reachable there, and its database and role exist."
                      : "the folder must exist and be writable."));
            return ExitFailed;
        }
    }

    /// <summary>
    /// The bot: takes the store lock (a second bot on the same store exits 1 naming it), starts the health server
    /// (a port in use exits 1 naming the setting), then runs until stopped: exit code 0, or 2 when Discord ended the
    /// gateway session for good (a wrong token, intents not enabled), with what to fix.
    /// </summary>
    private static async Task<int> RunBotAsync(IHost host, TextWriter error, CancellationToken cancellationToken)
    {
        StoreLock? storeLock = null;
        // The store is resolved once the settings validated (PrepareAsync), since resolving it reads them.
        if (await PrepareAsync(host, error, cancellationToken, () => storeLock = host.Services.GetRequiredService<StoreHealth>().HoldLock()) is { } failed)
        {
            storeLock?.Dispose();
            return failed;
        }

        using var held = storeLock;
        try
        {
            await host.Services.GetRequiredService<HealthServer>().StartAsync(cancellationToken);
            // RunAsync disposes the host's services: ask for the gateway before (none in HTTP interactions mode).
            var gateway = host.Services.GetService<IGatewayStatus>();
            var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = StartupCompaction.RunAsync(
                host.Services.GetServices<ITransportReadiness>(), host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupCompaction)), stopping);
            await host.RunAsync(cancellationToken);
            if (gateway is { StoppedByDiscord: true, StopReason: var reason })
            {
                // Like any other setting that is wrong: a restart cannot help (systemd's unit does not restart on 2).
                await error.WriteLineAsync($"Discord refused the bot: {reason}");
                return ExitConfiguration;
            }

            return ExitOk;
        }
        catch (BotStartException e)
        {
            await error.WriteLineAsync(e.Message);
            return ExitFailed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoppedUnexpectedly(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LabelStudioMl.Bot"), e);
            return ExitFailed;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bot stopped after an unexpected failure")]
    private static partial void LogStoppedUnexpectedly(ILogger logger, Exception exception);
}
