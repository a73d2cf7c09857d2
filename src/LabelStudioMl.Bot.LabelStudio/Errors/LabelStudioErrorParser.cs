using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.LabelStudio.Json;
using LabelStudioMl.Bot.LabelStudio.Auth;
using Polly.Timeout;

namespace LabelStudioMl.Bot.LabelStudio.Errors;

/// <summary>Turns whatever Label Studio (or the network) answered into one <see cref="LabelStudioException"/>.</summary>
internal static class LabelStudioErrorParser
{
    private const string LegacyDisabledMarker = "legacy token authentication has been disabled";

    /// <summary>Served by every Label Studio (label_studio/users/urls.py, <c>current-user-whoami</c>).</summary>
    public const string WhoAmIOperation = "GET /api/current-user/whoami";

    /// <summary>The exchange of a personal access token, absent from a Label Studio older than them.</summary>
    public const string TokenRefreshOperation = "POST /api/token/refresh/";

    private const string CheckUrl = "Check LabelStudio:Url (environment variable LabelStudio__Url) and that Label Studio is running and reachable from the bot.";

    /// <summary>An HTTP answer with a failure status, or a 200 whose body carries errors.</summary>
    public static LabelStudioException FromResponse(string operation, int status, string? mediaType, string? body)
    {
        if (NotLabelStudioApi(operation, status, mediaType, body) is { } impostor)
            return impostor;

        var parsed = TryParse(mediaType, body);
        if (parsed is null)
            return StatusOnly(operation, status, mediaType);

        var validation = ReadValidationErrors(parsed.ValidationErrors);
        if (parsed.Errors is not null)
            return PredictionFailed(operation, status, LabelStudioErrorBody.Text(parsed.Errors));

        if (parsed.Error is not null)
        {
            var text = LabelStudioErrorBody.Text(parsed.Error) ?? $"The ML backend answered {status}.";
            return new(LabelStudioErrorKind.MlBackendError, text, operation, status, MlBackendHint(status, text));
        }

        var detail = LabelStudioErrorBody.Text(parsed.Detail);
        var message = validation.Count > 0 ? Describe(validation) : detail ?? Describe(status);
        var kind = KindOf(status, message);
        return new(kind, message, operation, status, HintFor(kind, message), validation);
    }

    /// <summary>Interactive annotating answered <c>{"errors": […]}</c> (inside a 200; docs/label-studio-behaviour.md, "Label Studio: ML backends").</summary>
    public static LabelStudioException PredictionFailed(string operation, int status, string? errors)
    {
        var text = string.IsNullOrWhiteSpace(errors) ? "The ML backend returned no prediction." : errors;
        return new(LabelStudioErrorKind.PredictionFailed, text, operation, status, PredictionHint(text));
    }

    /// <summary>A failure before any answer: refused connection, unknown host, TLS, timeout.</summary>
    public static LabelStudioException FromTransport(string operation, Exception exception, Uri baseUrl, TimeSpan? timeout)
    {
        var where = UrlText.Redact(baseUrl.GetLeftPart(UriPartial.Authority));
        return exception switch
        {
            TimeoutRejectedException or TimeoutException or TaskCanceledException => new(
                LabelStudioErrorKind.Timeout,
                timeout is { } t ? $"Label Studio did not answer {operation} within {Seconds(t)}." : $"Label Studio did not answer {operation} in time.",
                operation,
                hint: "Label Studio health-checks every ML backend on each read, so a dead backend slows every call. Retry, or check the backends with /ml status.",
                innerException: exception),
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => new(
                LabelStudioErrorKind.HostNotFound, $"The host name of {where} does not resolve.", operation, hint: CheckUrl, innerException: exception),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => new(
                LabelStudioErrorKind.TlsFailure, $"A TLS connection to {where} could not be established.", operation,
                hint: "Check the certificate of Label Studio, or the scheme (http/https) in LabelStudio:Url.", innerException: exception),
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse } => new(
                LabelStudioErrorKind.NotLabelStudio, $"{where} did not answer like an HTTP server.", operation, hint: CheckUrl, innerException: exception),
            _ => new(
                LabelStudioErrorKind.ConnectionFailed, $"Could not connect to Label Studio at {where} (the connection was refused or dropped).", operation,
                hint: CheckUrl, innerException: exception),
        };
    }

    /// <summary>
    /// An answer Label Studio itself never gives: 501 (Django answers a method a view lacks with 405, DRF's
    /// <c>MethodNotAllowed</c>), or a 404 for a route every Label Studio serves. The address is then something else
    /// (a web server, a proxy's own page), and no id or retry will help.
    /// </summary>
    private static LabelStudioException? NotLabelStudioApi(string operation, int status, string? mediaType, string? body)
    {
        var (reason, hint) = (status, operation) switch
        {
            (501, _) => ("; Label Studio never answers 501", CheckUrl),
            (404, WhoAmIOperation) => (", which every Label Studio serves", CheckUrl),
            (404 or 405, TokenRefreshOperation) => (
                ", where Label Studio exchanges personal access tokens",
                $"{CheckUrl} A Label Studio older than personal access tokens takes its legacy token (Account & Settings) as LabelStudio:ApiKey."),
            _ => (null, null),
        };
        return reason is null
            ? null
            : new(
                LabelStudioErrorKind.NotLabelStudio,
                $"The server at LabelStudio:Url is not Label Studio's API: it answered {status} with {Answered(mediaType, body)} to {operation}{reason}.",
                operation,
                status,
                hint);
    }

    private static string Answered(string? mediaType, string? body) =>
        string.IsNullOrWhiteSpace(body) ? "an empty body"
        : mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ? "an HTML page"
        : mediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "JSON"
        : string.IsNullOrEmpty(mediaType) ? "a body" : $"a {mediaType} body";

    /// <summary>A success status whose body is not the JSON this client expects.</summary>
    public static LabelStudioException NotJson(string operation, int status, string? mediaType, Exception? inner) => new(
        LabelStudioErrorKind.NotLabelStudio,
        $"{operation} answered {status} with {(string.IsNullOrEmpty(mediaType) ? "a body" : mediaType)} that is not Label Studio's JSON.",
        operation,
        status,
        "LabelStudio:Url must be the address of Label Studio itself (for example http://localhost:8080), not a page, proxy login or other service.",
        innerException: inner);

    /// <summary>A 200 whose JSON is <c>null</c> (or holds <c>null</c> items) where Label Studio sends an object or a list.</summary>
    public static LabelStudioException NullAnswer(string operation) => new(
        LabelStudioErrorKind.UnexpectedResponse,
        $"{operation} answered 200 with JSON null where Label Studio sends an object or a list of them.",
        operation,
        200,
        "Label Studio itself does not answer so: check that LabelStudio:Url is Label Studio, not a proxy, mock or plugin in front of it.");

    private static LabelStudioErrorBody? TryParse(string? mediaType, string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;

        var looksJson = mediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || body.TrimStart().StartsWith('{');
        if (!looksJson)
            return null;

        try
        {
            return JsonSerializer.Deserialize(body, LabelStudioJsonContext.Default.LabelStudioErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadValidationErrors(JsonNode? node)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject fields:
                foreach (var (field, value) in fields)
                    result[field] = Messages(value);
                break;
            case JsonArray list:
                // DRF lists are wrapped as non_field_errors by Label Studio; be lenient if one slips through.
                result["non_field_errors"] = Messages(list);
                break;
        }

        return result;
    }

    private static List<string> Messages(JsonNode? value) => value switch
    {
        JsonArray items => items.Select(i => LabelStudioErrorBody.Text(i) ?? "").Where(t => t.Length > 0).ToList(),
        _ => LabelStudioErrorBody.Text(value) is { Length: > 0 } text ? [text] : [],
    };

    private static string Describe(Dictionary<string, IReadOnlyList<string>> validation) => string.Join(
        "\n",
        validation.SelectMany(pair => pair.Value.Select(message => pair.Key == "non_field_errors" ? message : $"{pair.Key}: {message}")));

    private static string Describe(int status) =>
        Enum.IsDefined((HttpStatusCode)status) ? $"Label Studio answered {status} {(HttpStatusCode)status}." : $"Label Studio answered {status}.";

    private static LabelStudioException StatusOnly(string operation, int status, string? mediaType)
    {
        var kind = KindOf(status, "");
        var message = kind == LabelStudioErrorKind.NotFound ? $"Label Studio has nothing at {operation} (404)." : Describe(status);
        if (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true && status is >= 500 and not 502 and not 503 and not 504)
            message += " The body was an HTML page; Label Studio's own log has the details.";
        return new(kind, message, operation, status, HintFor(kind, message));
    }

    private static LabelStudioErrorKind KindOf(int status, string message) => status switch
    {
        400 => LabelStudioErrorKind.Validation,
        401 when message.Contains(LegacyDisabledMarker, StringComparison.OrdinalIgnoreCase) => LabelStudioErrorKind.LegacyTokensDisabled,
        401 => LabelStudioErrorKind.Unauthorized,
        403 => LabelStudioErrorKind.Forbidden,
        404 => LabelStudioErrorKind.NotFound,
        408 or 504 => LabelStudioErrorKind.Timeout,
        >= 500 => LabelStudioErrorKind.ServerError,
        _ => LabelStudioErrorKind.UnexpectedResponse,
    };

    private static string? HintFor(LabelStudioErrorKind kind, string message) => kind switch
    {
        LabelStudioErrorKind.Validation when message.Contains("health check failed", StringComparison.Ordinal) =>
            "Label Studio could not reach the ML server. Its URL must be reachable from the Label Studio server itself "
            + "(in Docker use the service name or host.docker.internal, not localhost), and the ML server must be running.",
        LabelStudioErrorKind.Validation when message.Contains("authentication parameters", StringComparison.Ordinal) =>
            "The ML server wants basic-auth credentials: give the user and password it expects.",
        LabelStudioErrorKind.Validation when message.Contains("doesn't look like a valid ML backend", StringComparison.Ordinal) =>
            "The ML server answered /health but its /setup failed: read the ML server's log; the model may not fit the project's labeling config.",
        LabelStudioErrorKind.Forbidden when message.Contains("URLs must begin with http", StringComparison.Ordinal) =>
            "Use an http:// or https:// URL for the ML server.",
        LabelStudioErrorKind.Forbidden => "The Label Studio user behind LabelStudio:ApiKey lacks the permission; use a user with access to this project.",
        LabelStudioErrorKind.NotFound => "Check the id: /ml list shows backends with their ids and projects.",
        LabelStudioErrorKind.ServerError when message.StartsWith("Can't resolve hostname", StringComparison.Ordinal) =>
            "Label Studio cannot resolve the ML server's host name. Use a name the Label Studio server can resolve.",
        LabelStudioErrorKind.ServerError => "Label Studio failed while handling the request; its log has the details. Try again later.",
        LabelStudioErrorKind.LegacyTokensDisabled => LabelStudioAuthHints.LegacyDisabled,
        LabelStudioErrorKind.Unauthorized => LabelStudioAuthHints.CheckKey,
        LabelStudioErrorKind.Timeout => "Label Studio or a proxy in front of it timed out. Try again later.",
        _ => null,
    };

    private static string MlBackendHint(int status, string text) => status switch
    {
        401 or 403 => "The ML server refused Label Studio's credentials: update the backend's basic-auth user and password.",
        _ when text.Contains("Max retries exceeded", StringComparison.Ordinal) || text.Contains("timed out", StringComparison.Ordinal) =>
            "Label Studio cannot reach the ML server: check that it is running and reachable from Label Studio.",
        _ => "The ML server failed: read its log.",
    };

    private static string PredictionHint(string text) =>
        text.Contains("not set to be used for interactive", StringComparison.Ordinal)
            ? "Turn on interactive pre-annotation for this backend (/ml update with interactive:true)."
            : text.Contains("Max retries exceeded", StringComparison.Ordinal)
                ? "Label Studio cannot reach the ML server: check that it is running."
                : "The ML server's /predict answer was unusable: read the ML server's log.";

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 120 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.#} s";
}
