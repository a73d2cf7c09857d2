using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>What <c>/ml add</c> says about the bot's own health probe of the ML server.</summary>
internal static class HealthProbeText
{
    /// <summary>
    /// Why the command must stop before Label Studio is asked, or null when it may go on: an address the bot does not
    /// fetch, or an answer that is not healthy (a 401 is let through when the backend's stored credentials may apply).
    /// </summary>
    public static string? RefusalOf(Uri url, HealthProbeResult probe, bool basicAuthGiven, bool storedCredentialsMayApply)
    {
        if (probe.AddressRefused)
        {
            return $"The bot does not fetch {Display(url)}: {probe.Detail}. Nothing was sent to it or to Label Studio. "
                + "Give the ML server's own address, as Label Studio reaches it (e.g. `http://ml-backend:9090`).";
        }

        if (probe.Healthy || probe.Unreachable || (probe.Status == 401 && !basicAuthGiven && storedCredentialsMayApply))
            return null;
        return Refusal(url, probe, basicAuthGiven);
    }

    /// <summary>The ML server answered, but not healthy: the status, an excerpt of the body and the likely fix.</summary>
    private static string Refusal(Uri url, HealthProbeResult probe, bool basicAuthGiven)
    {
        var excerpt = string.IsNullOrEmpty(probe.Detail) ? "(empty body)" : $"`{probe.Detail.Replace('`', '\'')}`";
        var fix = probe.Status switch
        {
            401 when basicAuthGiven => "The ML server refused the basic-auth credentials: check `basic_auth_user` and `basic_auth_password`.",
            401 => "The ML server wants basic auth: add `basic_auth_user` and `basic_auth_password`.",
            404 => "Nothing answers `/health` there: check the URL points at the ML server itself (host, port, path).",
            >= 500 => "The ML server is running but failing: read its console logs (model loading, dependencies) and try again.",
            _ => "Check that the URL is the ML server (label-studio-ml-backend answers `/health` with `{\"status\":\"UP\"}`).",
        };
        return $"The ML server at {Display(url)} is not healthy: `GET /health` answered **HTTP {probe.Status}** {excerpt}\n"
            + $"Nothing was changed. {fix}";
    }

    /// <summary>Added although the bot itself could not reach the URL.</summary>
    public static string UnreachableButAdded(Uri url, HealthProbeResult probe) =>
        $"Note: the bot could not reach {Display(url)} from its own machine ({probe.Detail}), but Label Studio could — that is what counts.";

    /// <summary>Label Studio refused the add and the bot could not reach the URL either.</summary>
    public static LabelStudioException WithProbeNote(LabelStudioException e, Uri url, HealthProbeResult probe)
    {
        var note = $"The bot could not reach {Display(url)} either ({probe.Detail}). Label Studio must reach the URL from its own machine: "
            + "check the ML server is running and that the host and port are right as seen from Label Studio.";
        var hint = string.IsNullOrWhiteSpace(e.Hint) ? note : $"{e.Hint}\n{note}";
        return new LabelStudioException(e.Kind, e.Message, e.Operation, e.StatusCode, hint, e.ValidationErrors, e);
    }

    private static string Display(Uri url) => $"`{UrlText.Redact(url.ToString())}`";
}
