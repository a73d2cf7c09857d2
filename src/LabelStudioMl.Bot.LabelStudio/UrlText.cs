namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>Text forms of URLs that are safe to show: user info (<c>user:password@</c>) is removed.</summary>
public static class UrlText
{
    /// <summary>
    /// The URL without user info and with secret-looking query values masked (<see cref="SecretText"/>); text that is
    /// not an absolute URL only gets the masking.
    /// </summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.UserInfo))
            return SecretText.Masked(url);

        return SecretText.Masked(new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString());
    }
}
