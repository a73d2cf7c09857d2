using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>HS256 JWTs shaped like simplejwt's: <c>token_type</c>, <c>exp</c>, <c>iat</c>, <c>jti</c>, <c>user_id</c>.</summary>
internal sealed class FakeJwt
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public string Create(string tokenType, DateTimeOffset issuedAt, DateTimeOffset expiresAt, int userId)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["token_type"] = tokenType,
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["user_id"] = userId,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
                           Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signingInput + "." + Base64Url(Sign(signingInput));
    }

    /// <summary>The payload when the signature is ours, the type matches and it has not expired at <paramref name="now"/>.</summary>
    public JsonObject? Validate(string token, string tokenType, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
            return null;
        byte[] signature;
        JsonObject? payload;
        try
        {
            signature = FromBase64Url(parts[2]);
            payload = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }

        if (payload is null || !CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1])))
            return null;
        if (payload["token_type"]?.GetValue<string>() != tokenType)
            return null;
        var exp = payload["exp"]?.GetValue<long>();
        return exp is { } e2 && e2 > now.ToUnixTimeSeconds() ? payload : null;
    }

    private byte[] Sign(string input) => HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(input));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("bad base64url") };
        return Convert.FromBase64String(s);
    }
}
