using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace LabelStudioMl.Bot.Discord.Commands;

/// <summary>The outcome of <see cref="CommandRegistrar.RegisterAsync"/>.</summary>
/// <param name="Changed">Whether a bulk overwrite was sent.</param>
/// <param name="Scope"><c>guild &lt;id&gt;</c> or <c>global</c>.</param>
/// <param name="Registered">The commands Discord has now.</param>
public sealed record CommandRegistrationResult(bool Changed, string Scope, IReadOnlyList<ApplicationCommand> Registered);

/// <summary>
/// Registers the bot's commands: validates them locally, compares with what Discord has and sends a bulk
/// overwrite only when they differ — to the guild of <c>Discord:GuildId</c> (instant) or globally.
/// </summary>
/// <param name="rest">The REST client.</param>
/// <param name="options">Supplies <c>GuildId</c> and the backoff between failed attempts.</param>
/// <param name="status">Records whether the commands are registered.</param>
/// <param name="time">Paces the retries.</param>
/// <param name="logger">Logs what changed.</param>
public sealed partial class CommandRegistrar(
    IDiscordRestApi rest, IOptions<DiscordSettings> options, CommandRegistrationStatus status, TimeProvider time, ILogger<CommandRegistrar> logger)
{
    /// <summary>The guild commands are registered to, or null for global.</summary>
    public Snowflake? GuildId =>
        Snowflake.TryParse(options.Value.GuildId, out var guild) ? guild : null;

    /// <summary>Makes Discord's command set equal to <paramref name="desired"/>.</summary>
    /// <param name="desired">Every command of the bot (the overwrite replaces all commands in the scope).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="InvalidApplicationCommandException">A command breaks Discord's rules; nothing was sent.</exception>
    public async Task<CommandRegistrationResult> RegisterAsync(IReadOnlyList<ApplicationCommand> desired, CancellationToken cancellationToken = default)
    {
        ApplicationCommandValidator.ThrowIfInvalid(desired);
        var application = (await rest.GetCurrentApplicationAsync(cancellationToken)).Id;
        var (scope, registered) = await GetRegisteredAsync(application, cancellationToken);
        if (CommandComparer.SameSet(desired, registered))
        {
            LogUpToDate(scope);
            return new CommandRegistrationResult(false, scope, registered);
        }

        var result = GuildId is { } guild
            ? await rest.OverwriteGuildCommandsAsync(application, guild, desired, cancellationToken)
            : await rest.OverwriteGlobalCommandsAsync(application, desired, cancellationToken);
        LogRegistered(result.Count, scope);
        return new CommandRegistrationResult(true, scope, result);
    }

    /// <summary>
    /// Registers <paramref name="desired"/>, trying again after each failure (Discord unreachable, 5xx, 429, a timeout)
    /// with the gateway's backoff (<c>Discord:ReconnectBaseDelay</c> doubling to <c>Discord:ReconnectMaxDelay</c>,
    /// jittered) until it works or <paramref name="cancellationToken"/> stops it; each failure is one warning line.
    /// Commands that break Discord's rules are not retried. <see cref="CommandRegistrationStatus"/> follows along.
    /// </summary>
    /// <param name="desired">Every command of the bot.</param>
    /// <param name="cancellationToken">Stops the attempts.</param>
    /// <returns>What the successful attempt did, or null when the commands are invalid.</returns>
    public async Task<CommandRegistrationResult?> RegisterUntilDoneAsync(IReadOnlyList<ApplicationCommand> desired, CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(options.Value.ReconnectBaseDelay, options.Value.ReconnectMaxDelay);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await RegisterAsync(desired, cancellationToken);
                status.Registered();
                if (attempt > 1)
                    LogRegisteredAtAttempt(attempt);
                return result;
            }
            catch (InvalidApplicationCommandException e)
            {
                status.GaveUp("the commands break Discord's rules, so they were not sent");
                LogInvalidCommands(e);
                return null;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is ApiExceptionBase or HttpRequestException or TaskCanceledException)
            {
                var delay = backoff.Next();
                var reason = Describe(e);
                status.Failed(attempt, reason, time.GetUtcNow() + delay);
                LogRegistrationRetry(attempt, reason, delay.TotalSeconds);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>Reads the commands registered in the configured scope.</summary>
    /// <param name="application">The application id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The scope's name and its commands.</returns>
    public async Task<(string Scope, IReadOnlyList<ApplicationCommand> Commands)> GetRegisteredAsync(Snowflake application, CancellationToken cancellationToken = default)
    {
        if (GuildId is { } guild)
            return ($"guild {guild}", await rest.GetGuildCommandsAsync(application, guild, cancellationToken));
        return ("global", await rest.GetGlobalCommandsAsync(application, cancellationToken));
    }

    private string Describe(Exception e) => e switch
    {
        ApiException api => $"Discord answered {(int)api.StatusCode} {api.ReasonPhrase}",
        ApiRequestException { InnerException: { } inner } => Describe(inner),
        TaskCanceledException => $"no answer within Discord:RequestTimeout ({options.Value.RequestTimeout.TotalSeconds:0} s)",
        _ => $"Discord is not reachable at {options.Value.ApiBaseUrl}: {e.Message}",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord commands ({Scope}) are up to date; nothing sent.")]
    private partial void LogUpToDate(string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} Discord commands ({Scope}).")]
    private partial void LogRegistered(int count, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord commands registered at attempt {Attempt}; users can see them now.")]
    private partial void LogRegisteredAtAttempt(int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The commands were not registered: Discord would reject them. This is a bug in the bot.")]
    private partial void LogInvalidCommands(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The commands could not be registered with Discord (attempt {Attempt}: {Reason}); users do not see them until they are. Trying again in {Delay:0.0} s.")]
    private partial void LogRegistrationRetry(int attempt, string reason, double delay);
}
