namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// A request's rate-limit identity (RL): the route template (ids replaced) and the major parameter
/// (channel, guild, webhook id + token, interaction), because buckets are per route and per major parameter.
/// </summary>
/// <param name="Template">Method and path with minor ids replaced, e.g. <c>POST /channels/{channel}/messages</c>.</param>
/// <param name="Major">
/// The major parameter value ("" when the route has none); a token in it is its <see cref="TokenFingerprint"/>, so the
/// buckets kept per interaction hold no token and a few dozen bytes instead of a few hundred.
/// </param>
/// <param name="IsGlobalExempt">Interaction endpoints are not bound by the global limit.</param>
internal sealed record DiscordRoute(string Template, string Major, bool IsGlobalExempt)
{
    private static readonly HashSet<string> MajorResources = ["channels", "guilds", "webhooks", "interactions"];

    public static DiscordRoute From(HttpRequestMessage request)
    {
        var segments = (request.RequestUri?.AbsolutePath ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = Array.FindIndex(segments, s => s.Length > 1 && s[0] == 'v' && s[1..].All(char.IsAsciiDigit));
        segments = segments[(start + 1)..];

        var template = new List<string>(segments.Length);
        var major = "";
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var previous = i > 0 ? segments[i - 1] : "";
            if (i == 1 && MajorResources.Contains(previous))
            {
                major = segment;
                template.Add("{" + previous + "}");
                if (previous is "webhooks" or "interactions" && i + 1 < segments.Length)
                {
                    major += "/" + TokenFingerprint.Of(segments[++i]);
                    template.Add("{token}");
                }
            }
            else
            {
                template.Add(segment.All(char.IsAsciiDigit) ? "{id}" : segment);
            }
        }

        var exempt = segments.Length > 0 && segments[0] is "interactions" or "webhooks";
        return new DiscordRoute($"{request.Method.Method} /{string.Join('/', template)}", major, exempt);
    }
}
