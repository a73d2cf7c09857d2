namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>
/// Sends every request body with a <c>Content-Length</c>. Refit's JSON bodies have no known length, so HttpClient would
/// send them with <c>Transfer-Encoding: chunked</c>, and Label Studio (Django) reads a WSGI body only up to
/// <c>CONTENT_LENGTH</c> (<c>django/core/handlers/wsgi.py</c>, <c>WSGIRequest</c>): a chunked body arrives empty.
/// Buffering gives the body its length, and lets the auth handler send it again after a refreshed token.
/// </summary>
public sealed class BufferedBodyHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not null)
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
