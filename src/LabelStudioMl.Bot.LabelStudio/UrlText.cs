namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>Text forms of URLs that are safe to show: user info (<c>user:password@</c>) is removed.</summary>
public static class UrlText
{
    /// <summary>The URL without user info; text that is not an absolute URL comes back unchanged.</summary>
    public static string Redact(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.UserInfo))
            return url;

        return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
    }
}
