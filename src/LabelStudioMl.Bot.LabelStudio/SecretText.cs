using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>
/// Masks values that a name marks as secret (<c>key</c>, <c>token</c>, <c>secret</c>, <c>password</c>, <c>auth</c> and
/// their kin), wherever text is shown or stored: URL query parameters, user info in URLs and JSON properties. Masking errs on the side of
/// hiding: <c>author=</c> is masked too.
/// </summary>
public static partial class SecretText
{
    /// <summary>What a masked value becomes.</summary>
    public const string Mask = "***";

    private static readonly string[] SecretWords = ["key", "token", "secret", "password", "passwd", "pwd", "auth", "credential", "signature"];

    /// <summary>Whether a parameter or property of this name holds a secret.</summary>
    public static bool LooksSecret(string name) =>
        SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <paramref name="text"/> with the values of secret-looking query parameters and the user info (<c>user:password@</c>)
    /// masked in every URL in it, and, when the whole text is a JSON object or array, the values of its secret-looking
    /// properties (at any depth).
    /// </summary>
    public static string Masked(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                if (JsonNode.Parse(text) is { } json)
                    return MaskedJson(json).ToJsonString();
            }
            catch (JsonException)
            {
                // Not JSON after all: mask it as text.
            }
        }

        var queries = QueryParameter().Replace(text, m => LooksSecret(Uri.UnescapeDataString(m.Groups["name"].Value)) ? m.Groups["lead"].Value + Mask : m.Value);
        return UserInfo().Replace(queries, "${scheme}" + Mask + "@");
    }

    /// <summary>A copy of <paramref name="json"/> with every secret-looking property's value masked, and its strings masked as text.</summary>
    public static JsonNode MaskedJson(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        switch (json)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (name, value) in o)
                    copy[name] = LooksSecret(name) && value is not null ? JsonValue.Create(Mask) : value is null ? null : MaskedJson(value);
                return copy;
            case JsonArray a:
                return new JsonArray([.. a.Select(v => v is null ? null : MaskedJson(v))]);
            default:
                return json.GetValueKind() == JsonValueKind.String ? JsonValue.Create(Masked(json.GetValue<string>())) : json.DeepClone();
        }
    }

    // user:password@ (or a bare user@) right after an http(s) scheme.
    [GeneratedRegex(@"(?<scheme>https?://)[^\s/@""'`]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    // name=value after ? or & (the value runs to the next &, #, whitespace, quote or backtick).
    [GeneratedRegex(@"(?<lead>[?&](?<name>[^=&#\s""'`]+)=)[^&#\s""'`]*")]
    private static partial Regex QueryParameter();
}
