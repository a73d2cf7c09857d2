namespace LabelStudioMl.Bot.LabelStudio.Auth;

/// <summary>Fix texts for credential failures, shared by the auth handler, the error parser and the doctor.</summary>
public static class LabelStudioAuthHints
{
    /// <summary>A legacy token was refused because the organization turned legacy tokens off.</summary>
    public const string LegacyDisabled =
        "Legacy tokens are disabled for this organization; use a personal access token: in Label Studio open Account & Settings → "
        + "Personal Access Token, create one and set it as LabelStudio:ApiKey (environment variable LabelStudio__ApiKey).";

    /// <summary>A key was refused for no more specific reason.</summary>
    public const string CheckKey =
        "Check LabelStudio:ApiKey (environment variable LabelStudio__ApiKey): copy a personal access token or the legacy token "
        + "from Label Studio's Account & Settings page.";

    /// <summary>The personal access token was refused by the refresh endpoint.</summary>
    public const string PatRejected =
        "The personal access token is invalid, expired or revoked. Create a new one in Label Studio (Account & Settings → Personal Access Token) "
        + "and set it as LabelStudio:ApiKey (environment variable LabelStudio__ApiKey).";

    /// <summary>The access token obtained from a valid personal access token was still refused.</summary>
    public const string PatDisabled =
        "Label Studio issued an access token but refused it: personal access tokens are probably disabled for this organization. "
        + "An organization admin can enable them (Organization → Access Token Settings), or use a legacy token.";
}
