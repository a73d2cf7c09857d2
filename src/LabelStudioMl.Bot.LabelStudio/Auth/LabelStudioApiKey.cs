using System.Buffers.Text;
using System.Text.Json;

namespace LabelStudioMl.Bot.LabelStudio.Auth;

/// <summary>How a configured key is sent (docs/label-studio-behaviour.md, "Label Studio: authentication").</summary>
public enum LabelStudioKeyKind
{
    /// <summary>A legacy token, sent as <c>Authorization: Token &lt;key&gt;</c>.</summary>
    Legacy,

    /// <summary>A personal access token (a refresh JWT), exchanged for short-lived access tokens sent as <c>Bearer</c>.</summary>
    PersonalAccessToken,
}

/// <summary>
/// The configured API key, classified the way Label Studio's SDK does: a key that decodes as a JWT is a personal
/// access token, anything else a legacy token. The value never appears in <see cref="ToString"/>.
/// </summary>
public sealed class LabelStudioApiKey
{
    private LabelStudioApiKey(string value, LabelStudioKeyKind kind, JwtClaims? claims)
    {
        Value = value;
        Kind = kind;
        Claims = claims;
    }

    /// <summary>The key itself (secret).</summary>
    public string Value { get; }

    /// <summary>Legacy token or personal access token.</summary>
    public LabelStudioKeyKind Kind { get; }

    /// <summary>The JWT claims when the key is a personal access token.</summary>
    public JwtClaims? Claims { get; }

    /// <summary>Classifies a key (it is assumed non-empty and trimmed).</summary>
    public static LabelStudioApiKey Parse(string value) =>
        JwtClaims.TryRead(value) is { } claims
            ? new(value, LabelStudioKeyKind.PersonalAccessToken, claims)
            : new(value, LabelStudioKeyKind.Legacy, null);

    /// <summary>Describes the key without showing it.</summary>
    public override string ToString() => Kind == LabelStudioKeyKind.Legacy ? "legacy token" : "personal access token";
}

/// <summary>The unverified claims of a JWT that matter here (Label Studio's SDK reads them the same way, without the signature).</summary>
public sealed record JwtClaims(string? TokenType, DateTimeOffset? ExpiresAt, DateTimeOffset? IssuedAt)
{
    /// <summary>Reads the claims when <paramref name="token"/> is a JWT (three base64url parts, JSON header and payload); null otherwise.</summary>
    public static JwtClaims? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            return null;

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
                return null;

            var root = payload.RootElement;
            return new(
                root.TryGetProperty("token_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null,
                ReadTime(root, "exp"),
                ReadTime(root, "iat"));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset? ReadTime(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            ? DateTimeOffset.UnixEpoch.AddSeconds(seconds)
            : null;
}
