using System.Diagnostics;
using System.Net.Http.Headers;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// The baseline: the same Label Studio requests the bot makes for <c>/ml list project:1</c> and <c>/ml get backend:1</c>
/// (same routes, same <c>Authorization: Token …</c>, <c>Accept</c> and <c>User-Agent</c>), straight from an HttpClient.
/// </summary>
internal sealed class DirectLabelStudio : IDisposable
{
    public const string ListPath = "/api/ml/?project=1";
    public const string GetPath = "/api/ml/1";

    private readonly HttpClient _http;

    public DirectLabelStudio(Uri baseUrl, string legacyToken)
    {
        _http = new HttpClient { BaseAddress = baseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", legacyToken);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("LabelStudioMl.Bot", "0.1.0"));
    }

    /// <summary>Round trips in milliseconds (null for a failed one), <paramref name="concurrency"/> at a time.</summary>
    public Task<(IReadOnlyList<double?> Results, TimeSpan Elapsed)> RunAsync(string path, int count, int concurrency) =>
        ConcurrentRun.RunAsync(count, concurrency, _ => OneAsync(path));

    /// <summary>The body of one successful read.</summary>
    public async Task<byte[]> FetchAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    public void Dispose() => _http.Dispose();

    private async Task<double?> OneAsync(string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        _ = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
    }
}
