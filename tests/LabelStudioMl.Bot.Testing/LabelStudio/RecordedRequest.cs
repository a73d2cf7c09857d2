namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>One HTTP request received by a fake server.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="PathAndQuery">Path plus query string as received.</param>
/// <param name="Headers">Request headers (case-insensitive names; repeated values joined by ", ").</param>
/// <param name="Body">
/// The request body as text, as the server's WSGI application reads it: empty when none, and empty when it was sent
/// chunked without a <c>Content-Length</c> (see <see cref="SentBody"/>).
/// </param>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as it was on the wire, whatever the server's application made of it.</summary>
    public string SentBody { get; init; } = Body;

    /// <summary>Whether the body went without a <c>Content-Length</c> (chunked): Django then reads nothing of it.</summary>
    public bool LacksContentLength => SentBody.Length > 0 && !Headers.ContainsKey("Content-Length");

    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];
}

/// <summary>A request the fake answered, with when (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>) it began handling it and when it had written the answer.</summary>
/// <param name="Request">The request.</param>
/// <param name="ReceivedAt">When its handling began (headers read).</param>
/// <param name="AnsweredAt">When the answer was written.</param>
public sealed record AnsweredRequest(RecordedRequest Request, long ReceivedAt, long AnsweredAt);
