using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.Discord;

public sealed partial class FakeDiscord
{
    // Cloudflare answers for Discord when no API server is reachable: its own HTML page, no JSON, no rate-limit headers.
    private const string CloudflareBadGateway =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";

    private readonly Queue<InjectedFault> _faults = new();

    /// <summary>
    /// Answers the next <paramref name="count"/> requests whose path contains <paramref name="pathContains"/> with a
    /// server error, as Discord does in an outage (opcodes-and-status-codes.mdx, "HTTP Response Codes": 502 GATEWAY
    /// UNAVAILABLE "wait a bit and retry", 5xx SERVER ERROR). 502 comes as Cloudflare's HTML page, other codes as
    /// Discord's JSON <c>{"message": "500: Internal Server Error", "code": 0}</c>. With <paramref name="landed"/> the
    /// request takes effect first and only its answer is lost, so a retry meets what the first attempt did (a second
    /// interaction callback gets 40060).
    /// </summary>
    /// <param name="pathContains">Part of the path below the API base, e.g. <c>/callback</c>.</param>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">502, 500, 503 or 504.</param>
    /// <param name="landed">Whether each failed request was carried out before its answer was lost.</param>
    public void FailNextRequests(string pathContains, int count, int status = 502, bool landed = false)
    {
        lock (_restLock)
        {
            for (var i = 0; i < count; i++)
                _faults.Enqueue(new InjectedFault(pathContains, status, landed));
        }
    }

    /// <summary>
    /// Leaves the next <paramref name="count"/> requests whose path contains <paramref name="pathContains"/> without
    /// an answer until the client gives up (they are recorded with status 0 and never take effect): a call in flight
    /// when the bot dies, or a stalled connection.
    /// </summary>
    /// <param name="pathContains">Part of the path below the API base, e.g. <c>/webhooks/</c>.</param>
    /// <param name="count">How many requests hang.</param>
    public void HangNextRequests(string pathContains, int count)
    {
        lock (_restLock)
        {
            for (var i = 0; i < count; i++)
                _faults.Enqueue(new InjectedFault(pathContains, 0, Landed: false));
        }
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away: there is nobody to answer.
        }
    }

    private InjectedFault? TakeFault(string path)
    {
        lock (_restLock)
        {
            if (_faults.Count == 0 || !path.Contains(_faults.Peek().PathContains, StringComparison.Ordinal))
                return null;
            return _faults.Dequeue();
        }
    }

    private static async Task WriteFaultAsync(HttpContext context, InjectedFault fault)
    {
        var response = context.Response;
        response.StatusCode = fault.Status;
        if (fault.Status == 502)
        {
            // Cloudflare's page replaces whatever the API server had started to say, headers included.
            foreach (var header in response.Headers.Keys.Where(k => k.StartsWith("X-RateLimit-", StringComparison.OrdinalIgnoreCase)).ToList())
                response.Headers.Remove(header);
            response.ContentType = "text/html";
            await response.WriteAsync(CloudflareBadGateway);
            return;
        }

        response.ContentType = "application/json";
        var reason = fault.Status switch { 503 => "Service Unavailable", 504 => "Gateway Timeout", _ => "Internal Server Error" };
        await response.WriteAsync(Error(0, $"{fault.Status}: {reason}").ToJsonString());
    }

    /// <summary>A server error (<see cref="Status"/> 5xx), or no answer at all (<see cref="Status"/> 0).</summary>
    private sealed record InjectedFault(string PathContains, int Status, bool Landed)
    {
        public bool Hangs => Status == 0;
    }
}
