using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Discord;

/// <summary>
/// Checks the <c>Discord</c> section at start. Each failure is one line that names the key, the problem and
/// how to set it (also as an environment variable). The token's value never appears in a message.
/// </summary>
public sealed partial class DiscordSettingsValidator : IValidateOptions<DiscordSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DiscordSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("Discord:Token is missing. Copy the bot token from the Discord developer portal (Bot → Reset Token) "
                + "into appsettings.json or the environment variable Discord__Token.");
        }
        else if (!BotTokenShape().IsMatch(options.Token.Trim()))
        {
            failures.Add("Discord:Token is malformed: a bot token has three dot-separated parts and no spaces or 'Bot ' prefix. "
                + "Copy it again from the Discord developer portal into Discord__Token.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttp && api.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Discord:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL. "
                + "Leave it at https://discord.com/api/v10 or set Discord__ApiBaseUrl to your proxy.");
        }

        if (!string.IsNullOrWhiteSpace(options.GuildId) && !ulong.TryParse(options.GuildId, out _))
        {
            failures.Add($"Discord:GuildId '{options.GuildId}' is not a snowflake (a number). "
                + "Copy the server id (Developer Mode → right-click the server → Copy Server ID) into Discord__GuildId, or remove it to register commands globally.");
        }

        if ((options.ShardId is null) != (options.ShardCount is null))
        {
            failures.Add("Discord:ShardId and Discord:ShardCount go together: set both (Discord__ShardId, Discord__ShardCount) or neither.");
        }
        else if (options.ShardId is { } id && options.ShardCount is { } count && (count < 1 || id < 0 || id >= count))
        {
            failures.Add($"Discord:ShardId {id} must be between 0 and Discord:ShardCount - 1 ({count} - 1).");
        }

        if (options.Intents < 0)
            failures.Add("Discord:Intents must be a non-negative bitmask; 0 is enough for slash commands.");

        if (options.ReconnectBaseDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectBaseDelay)
            failures.Add("Discord:ReconnectBaseDelay must be positive and not above Discord:ReconnectMaxDelay (defaults 00:00:01 and 00:01:00).");

        if (options.GatewaySendLimit < 10 || options.GatewaySendWindow <= TimeSpan.Zero)
            failures.Add("Discord:GatewaySendLimit must be at least 10 per a positive Discord:GatewaySendWindow (Discord allows 120 per 60 s).");

        if (options.GlobalRequestsPerSecond < 1 || options.DispatchConcurrency < 1 || options.MaxRateLimitRetries < 0 || options.InvalidRequestWarningThreshold < 1)
            failures.Add("Discord:GlobalRequestsPerSecond, DispatchConcurrency and InvalidRequestWarningThreshold must be positive; MaxRateLimitRetries non-negative.");

        if (options.MaxServerErrorRetries < 0 || options.ServerErrorRetryDelay <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero)
            failures.Add("Discord:MaxServerErrorRetries must be non-negative, Discord:ServerErrorRetryDelay and Discord:RequestTimeout positive (defaults 3, 00:00:00.5, 00:01:40).");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+$")]
    private static partial Regex BotTokenShape();
}
