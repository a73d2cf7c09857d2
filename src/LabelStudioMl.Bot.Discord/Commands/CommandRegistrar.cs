using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
/// <param name="options">Supplies <c>GuildId</c>.</param>
/// <param name="logger">Logs what changed.</param>
public sealed class CommandRegistrar(IDiscordRestApi rest, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
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
            logger.LogInformation("Discord commands ({Scope}) are up to date; nothing sent.", scope);
            return new CommandRegistrationResult(false, scope, registered);
        }

        var result = GuildId is { } guild
            ? await rest.OverwriteGuildCommandsAsync(application, guild, desired, cancellationToken)
            : await rest.OverwriteGlobalCommandsAsync(application, desired, cancellationToken);
        logger.LogInformation("Registered {Count} Discord commands ({Scope}).", result.Count, scope);
        return new CommandRegistrationResult(true, scope, result);
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
}
