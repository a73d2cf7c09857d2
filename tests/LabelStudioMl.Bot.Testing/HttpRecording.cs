using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing;

/// <summary>Turns an incoming request into a <see cref="RecordedRequest"/>.</summary>
internal static class HttpRecording
{
    /// <summary>
    /// Reads the request as the server's application sees it. With <paramref name="limitedToContentLength"/> (Label
    /// Studio), as Django does: Django's <c>WSGIRequest</c> wraps <c>wsgi.input</c> in a
    /// <c>LimitedStream</c> of <c>CONTENT_LENGTH</c> bytes, and a missing or unparsable <c>CONTENT_LENGTH</c> counts as 0
    /// (<c>django/core/handlers/wsgi.py</c>, <c>WSGIRequest.__init__</c>); <c>label-studio start</c> serves Django through
    /// <c>runserver</c> (<c>label_studio/server.py</c>, <c>_app_run</c>), and uWSGI and gunicorn hand the same environ
    /// on. So a body sent with <c>Transfer-Encoding: chunked</c> and no <c>Content-Length</c> arrives <b>empty</b>; the
    /// bytes on the wire are still read (and dropped) so the connection stays usable. Without it (the ML
    /// server: gunicorn decodes a chunked body and sets <c>wsgi.input_terminated</c>, which Flask honours) the body is read
    /// whole. <paramref name="path"/> is the path to record (FakeDiscord records the path below its API base).
    /// </summary>
    public static async Task<RecordedRequest> ReadAsync(HttpRequest request, bool limitedToContentLength, string? path = null)
    {
        using var reader = new StreamReader(request.Body);
        var sent = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = values.ToString();
        var body = limitedToContentLength && request.ContentLength is null ? "" : sent;
        return new RecordedRequest(request.Method, (path ?? request.Path.Value) + request.QueryString.Value, headers, body) { SentBody = sent };
    }
}
