using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>The <c>url</c> option of <c>/ml add</c> and <c>/ml update</c>: an absolute http(s) URL without credentials in it.</summary>
internal static class MlServerUrlOption
{
    /// <summary>
    /// The problem with the URL, or null. Credentials inside the URL are refused: the URL is echoed, logged and audited,
    /// while <c>basic_auth_password</c> is the one place a password stays secret.
    /// </summary>
    public static string? Problem(CommandOptions options)
    {
        var url = options.HttpUrl("url");
        return url is { UserInfo.Length: > 0 }
            ? "Leave credentials out of `url` (it is shown and logged): give them as `basic_auth_user` and `basic_auth_password`."
            : null;
    }
}
