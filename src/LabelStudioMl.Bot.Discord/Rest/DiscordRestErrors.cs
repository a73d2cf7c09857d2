using System.Net;
using System.Text.Json;
using LabelStudioMl.Bot.Discord.Models;
using Refit;

namespace LabelStudioMl.Bot.Discord.Rest;

/// <summary>Reads Discord's JSON error codes from a failed REST call (branch on the code, never on the message).</summary>
public static class DiscordRestErrors
{
    /// <summary>Missing access: the bot cannot see the channel or guild.</summary>
    public const int MissingAccess = 50001;

    /// <summary>Missing permissions in the channel.</summary>
    public const int MissingPermissions = 50013;

    /// <summary>The channel does not exist (any more).</summary>
    public const int UnknownChannel = 10003;

    /// <summary>The message does not exist, or (for <c>@original</c>) the interaction has no answer yet.</summary>
    public const int UnknownMessage = 10008;

    /// <summary>The webhook (an interaction's token) is not known.</summary>
    public const int UnknownWebhook = 10015;

    /// <summary>The interaction is not known, or its 3 seconds passed.</summary>
    public const int UnknownInteraction = 10062;

    /// <summary>The JSON <c>code</c> of the error body, or null when the body is not a Discord error.</summary>
    /// <param name="exception">The failed call.</param>
    /// <returns>The code.</returns>
    public static int? CodeOf(ApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (string.IsNullOrWhiteSpace(exception.Content))
            return null;
        try
        {
            return JsonSerializer.Deserialize(exception.Content, DiscordJsonContext.Default.DiscordError)?.Code;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether Discord refused the channel for good: no access (403, 50001), no permission (403, 50013) or
    /// no such channel (404, 10003). Trying again cannot help until someone changes the channel's settings.
    /// </summary>
    /// <param name="exception">The failed call.</param>
    /// <returns>True when the channel cannot be used.</returns>
    public static bool IsChannelUnusable(ApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = CodeOf(exception);
        return exception.StatusCode switch
        {
            HttpStatusCode.Forbidden => code is MissingAccess or MissingPermissions,
            HttpStatusCode.NotFound => code is UnknownChannel,
            _ => false,
        };
    }
}
