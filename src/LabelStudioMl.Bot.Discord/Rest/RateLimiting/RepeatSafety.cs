using System.Text.Json;

namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// Which calls may be sent again after Discord answered 5xx, when the first attempt may have been carried out: reads
/// and replacements (GET, PUT, DELETE, and PATCH, since an edit sets the same content again), the interaction callback
/// (a second one that meets the first is refused with 40060, "already acknowledged": the answer is in place), and a POST
/// whose body has a <c>nonce</c> with <c>enforce_nonce</c>, for which Discord returns the message it already created
/// instead of a second one (message.mdx, "Create Message"). Any other POST would create its message twice.
/// </summary>
internal static class RepeatSafety
{
    private const string CallbackTemplate = "POST /interactions/{interactions}/{token}/callback";

    /// <summary>Discord's code for a second initial response to one interaction.</summary>
    public const int AlreadyAcknowledged = 40060;

    public static bool IsInteractionCallback(DiscordRoute route) => route.Template == CallbackTemplate;

    public static async Task<bool> MayRepeatAsync(HttpRequestMessage request, DiscordRoute route, CancellationToken cancellationToken)
    {
        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Patch || IsInteractionCallback(route))
            return true;
        return request.Content is not null && HasEnforcedNonce(await request.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    private static bool HasEnforcedNonce(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("enforce_nonce", out var enforce) && enforce.ValueKind == JsonValueKind.True
                && root.TryGetProperty("nonce", out var nonce) && nonce.ValueKind is JsonValueKind.String or JsonValueKind.Number;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
