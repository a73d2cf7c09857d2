using System.Net;
using System.Net.Http.Headers;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// Answers the bot's HTTP calls from memory, for the allocation benchmark: Label Studio reads with bodies recorded from
/// FakeLabelStudio, Discord callbacks with 204 and <c>@original</c> edits with a message.
/// </summary>
internal sealed class CannedHttp(IReadOnlyDictionary<string, byte[]> labelStudioBodies) : HttpMessageHandler
{
    private static readonly byte[] EditedMessage = """{"id":"1100000000000000700","channel_id":"1100000000000000200","content":"","embeds":[],"components":[],"flags":0}"""u8.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.PathAndQuery ?? "";
        var response = path switch
        {
            _ when labelStudioBodies.TryGetValue(path, out var body) => Json(body),
            _ when path.EndsWith("/callback", StringComparison.Ordinal) => new HttpResponseMessage(HttpStatusCode.NoContent),
            _ when path.EndsWith("/messages/@original", StringComparison.Ordinal) => Json(EditedMessage),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent([]) },
        };
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    private static HttpResponseMessage Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
