using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing;

/// <summary>One HTTP request received by a fake server (FakeDiscord's REST API, FakeLabelStudio, a fake ML server).</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="PathAndQuery">
/// Path plus query string as received; for FakeDiscord the path below the API base, e.g. <c>/channels/1/messages</c>.
/// </param>
/// <param name="Headers">Request headers (case-insensitive names; repeated values joined by ",").</param>
/// <param name="Body">
/// The request body as text, as the server's application reads it: empty when none, and for Label Studio empty when it
/// was sent chunked without a <c>Content-Length</c> (see <see cref="SentBody"/>).
/// </param>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as it was on the wire, whatever the server's application made of it.</summary>
    public string SentBody { get; init; } = Body;

    /// <summary>Whether the body went without a <c>Content-Length</c> (chunked): Django then reads nothing of it.</summary>
    public bool LacksContentLength => SentBody.Length > 0 && !Headers.ContainsKey("Content-Length");

    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    /// <summary>The body parsed as JSON, or null when there is none (throws when it is not JSON).</summary>
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>
    /// The status code the fake answered, for fakes that record a request once answered (FakeDiscord); 0 for a request
    /// still in flight (a hang) and for fakes that record requests as they arrive (FakeLabelStudio, fake ML servers).
    /// </summary>
    public int Status { get; init; }

    /// <summary>When it arrived.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>A header value or null.</summary>
    /// <param name="name">Header name (case-insensitive).</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
