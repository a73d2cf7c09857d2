namespace LabelStudioMl.Bot.LabelStudio.Errors;

/// <summary>What went wrong when talking to Label Studio, coarse enough to choose a message and a fix.</summary>
public enum LabelStudioErrorKind
{
    /// <summary>Label Studio refused the input (400 with <c>validation_errors</c>).</summary>
    Validation,

    /// <summary>The credentials were refused (401).</summary>
    Unauthorized,

    /// <summary>A legacy token was sent to an organization that disabled legacy tokens.</summary>
    LegacyTokensDisabled,

    /// <summary>The personal access token was refused by <c>/api/token/refresh/</c>.</summary>
    PersonalAccessTokenRejected,

    /// <summary>Permission denied (403; Enterprise roles, or a URL Label Studio will not call).</summary>
    Forbidden,

    /// <summary>No such backend, project or task (404).</summary>
    NotFound,

    /// <summary>Label Studio failed (5xx with its error envelope).</summary>
    ServerError,

    /// <summary>The ML server answered an error that Label Studio passed through (<c>{"error": …}</c>).</summary>
    MlBackendError,

    /// <summary>Interactive annotating answered 200 with <c>{"errors": […]}</c>.</summary>
    PredictionFailed,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>The connection was refused or dropped.</summary>
    ConnectionFailed,

    /// <summary>The host name in <c>LabelStudio:Url</c> does not resolve.</summary>
    HostNotFound,

    /// <summary>TLS could not be established.</summary>
    TlsFailure,

    /// <summary>Whatever answered is not Label Studio's JSON API.</summary>
    NotLabelStudio,

    /// <summary>The answer was larger than <c>LabelStudio:MaxResponseMiB</c>.</summary>
    ResponseTooLarge,

    /// <summary>An answer with a status or body this client cannot interpret.</summary>
    UnexpectedResponse,
}
