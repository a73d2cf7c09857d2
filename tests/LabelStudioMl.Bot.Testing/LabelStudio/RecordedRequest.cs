namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>One HTTP request received by a fake server.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="PathAndQuery">Path plus query string as received.</param>
/// <param name="Headers">Request headers (case-insensitive names; repeated values joined by ", ").</param>
/// <param name="Body">The request body as text (empty when none).</param>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];
}
