using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>Turns an incoming request into a <see cref="RecordedRequest"/>.</summary>
internal static class HttpRecording
{
    public static async Task<RecordedRequest> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = values.ToString();
        return new RecordedRequest(request.Method, request.Path.Value + request.QueryString.Value, headers, body);
    }
}
