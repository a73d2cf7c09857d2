using System.Security.Cryptography;
using System.Text;

namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// A token (the bot's, an interaction's) as the rate limiter remembers it: the first 8 bytes of its SHA-256 in hex,
/// enough to tell tokens apart and nothing to use one with.
/// </summary>
internal static class TokenFingerprint
{
    public static string Of(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToHexString(hash[..8]);
    }
}
