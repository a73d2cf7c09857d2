using System.Globalization;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace LabelStudioMl.Bot.Discord.Endpoint;

/// <summary>What checking the signature of an HTTP interaction found.</summary>
public enum SignatureCheck
{
    /// <summary>Signed by the application's key, at a fresh timestamp.</summary>
    Valid,

    /// <summary><c>X-Signature-Ed25519</c> or <c>X-Signature-Timestamp</c> is missing.</summary>
    Missing,

    /// <summary>The signature is not 64 bytes of hex, or the timestamp not Unix seconds.</summary>
    Malformed,

    /// <summary>The timestamp is further from now than the allowed age: a recorded request sent again.</summary>
    Stale,

    /// <summary>The signature does not verify with the application's public key over timestamp and body.</summary>
    Invalid,
}

/// <summary>
/// Checks the Ed25519 signature Discord puts on every request to an Interactions Endpoint URL
/// (discord-api-docs, docs/interactions/overview.mdx, "Validating Security Request Headers"): <c>X-Signature-Ed25519</c>
/// (hex) over the bytes of <c>X-Signature-Timestamp</c> followed by the raw body, with the application's public key
/// (hex, Developer Portal → General Information). Discord probes endpoints with invalid signatures and removes those
/// that accept them, so anything but <see cref="SignatureCheck.Valid"/> must be refused with 401.
/// </summary>
public sealed class InteractionSignature
{
    /// <summary>The length of a public key in hex.</summary>
    public const int PublicKeyHexLength = 64;

    private const int SignatureHexLength = 128;

    private readonly byte[] _publicKey;

    private InteractionSignature(byte[] publicKey) => _publicKey = publicKey;

    /// <summary>
    /// Reads the application's public key: 64 hex characters that name a point of the curve. Null, with the problem,
    /// for anything else.
    /// </summary>
    /// <param name="hex">The key as the Developer Portal shows it.</param>
    /// <param name="problem">Why it cannot be used (never the key itself).</param>
    /// <returns>The verifier, or null.</returns>
    public static InteractionSignature? TryCreate(string? hex, out string? problem)
    {
        var key = hex?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            problem = "it is missing";
            return null;
        }

        if (key.Length != PublicKeyHexLength || !TryHex(key, out var bytes))
        {
            problem = $"it must be {PublicKeyHexLength} hexadecimal characters, the Public Key of Developer Portal → General Information";
            return null;
        }

        if (!Ed25519.ValidatePublicKeyFull(bytes, 0))
        {
            problem = "it is not an Ed25519 public key; copy the Public Key again from Developer Portal → General Information";
            return null;
        }

        problem = null;
        return new InteractionSignature(bytes);
    }

    /// <summary>Checks one request.</summary>
    /// <param name="signature">The <c>X-Signature-Ed25519</c> header.</param>
    /// <param name="timestamp">The <c>X-Signature-Timestamp</c> header (Unix seconds).</param>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxAge">How far the timestamp may lie from <paramref name="now"/>, either way.</param>
    /// <returns>What the check found.</returns>
    public SignatureCheck Check(string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxAge)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
            return SignatureCheck.Missing;
        if (signature.Length != SignatureHexLength || !TryHex(signature, out var signatureBytes)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.Malformed;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > maxAge)
            return SignatureCheck.Stale;

        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + body.Length];
        var written = Encoding.ASCII.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(written));
        return Ed25519.Verify(signatureBytes, 0, _publicKey, 0, signed, 0, signed.Length) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
