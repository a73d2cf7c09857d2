namespace LabelStudioMl.Bot.LabelStudio.Errors;

/// <summary>Masks the bot's own credentials in text that came from Label Studio.</summary>
internal static class SecretText
{
    /// <summary>What a secret becomes: plain words, so that no markdown escaping changes it.</summary>
    public const string Mask = "(redacted)";

    /// <summary>Shorter values are not treated as secrets: masking them would eat ordinary words.</summary>
    private const int MinimumLength = 8;

    public static bool Contains(string text, IReadOnlyCollection<string> secrets) =>
        secrets.Any(s => s.Length >= MinimumLength && text.Contains(s, StringComparison.Ordinal));

    public static string Redact(string text, IReadOnlyCollection<string> secrets) =>
        secrets.Where(s => s.Length >= MinimumLength).OrderByDescending(s => s.Length)
            .Aggregate(text, (masked, secret) => masked.Replace(secret, Mask, StringComparison.Ordinal));
}
