using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// Answers the bot's HTTP calls from memory, for the allocation benchmark: Label Studio reads with bodies recorded from
/// FakeLabelStudio, Discord callbacks with 204 and <c>@original</c> edits with the whole message, as Discord answers
/// them (the edit's own fields, its embeds and components included, plus the message's id and channel).
/// </summary>
internal sealed class CannedHttp(IReadOnlyDictionary<string, byte[]> labelStudioBodies) : HttpMessageHandler
{
    /// <summary>
    /// The answer to each edit, built the first time an edit of its length arrives: the bench's edits of one command are
    /// the same every time, so from the second on this answers from memory and allocates nothing of its own.
    /// </summary>
    private readonly ConcurrentDictionary<long, byte[]> _editedMessages = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.PathAndQuery ?? "";
        var response = path switch
        {
            _ when labelStudioBodies.TryGetValue(path, out var body) => Json(body),
            _ when path.EndsWith("/callback", StringComparison.Ordinal) => new HttpResponseMessage(HttpStatusCode.NoContent),
            _ when path.EndsWith("/messages/@original", StringComparison.Ordinal) => Json(EditedMessage(request.Content!)),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent([]) },
        };
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    private byte[] EditedMessage(HttpContent edit) =>
        _editedMessages.GetOrAdd(edit.Headers.ContentLength ?? -1, _ =>
        {
            var message = JsonNode.Parse(edit.ReadAsStream())!.AsObject();
            message["id"] = "1100000000000000700";
            message["channel_id"] = "1100000000000000200";
            message["type"] = 20;
            return System.Text.Encoding.UTF8.GetBytes(message.ToJsonString());
        });

    private static HttpResponseMessage Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
