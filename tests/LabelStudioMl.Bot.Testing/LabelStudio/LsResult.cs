using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>A finished answer of the fake Label Studio.</summary>
internal sealed record LsResult(int Status, string? ContentType, string Body)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static LsResult Json(int status, JsonNode? body) =>
        new(status, "application/json", body is null ? "null" : body.ToJsonString(Compact));

    /// <summary>No body and no content type (DRF <c>Response(status=…)</c>).</summary>
    public static LsResult Empty(int status) => new(status, null, "");

    /// <summary>Django's <c>templates/404.html</c> page.</summary>
    public static LsResult HtmlNotFound() => new(404, "text/html; charset=utf-8", NotFoundPage);

    /// <summary>
    /// A body written as it is produced, in place of <see cref="Body"/>: with <see cref="StreamedLength"/> as its
    /// Content-Length, or chunked when that is null.
    /// </summary>
    public Func<HttpResponse, CancellationToken, Task>? Streamed { get; init; }

    /// <summary>The length of <see cref="Streamed"/>, when the answer declares it.</summary>
    public long? StreamedLength { get; init; }

    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
            response.Headers[name] = value;
        if (Streamed is not null)
        {
            response.ContentLength = StreamedLength;
            response.ContentType = ContentType;
            await Streamed(response, response.HttpContext.RequestAborted);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(Body);
        response.ContentLength = bytes.Length;
        if (ContentType is not null)
            response.ContentType = ContentType;
        if (bytes.Length > 0)
            await response.Body.WriteAsync(bytes);
    }

    private const string NotFoundPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Label Studio</title>
        </head>
        <body>
          <div class="error-page">
            <h1>404</h1>
            <p>Page not found</p>
          </div>
        </body>
        </html>

        """;
}

/// <summary>Thrown inside request handling to answer with <see cref="Result"/> right away.</summary>
internal sealed class LsResultException(LsResult result) : Exception(result.Body)
{
    public LsResult Result { get; } = result;
}
