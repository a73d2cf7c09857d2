using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    private int _injectedFailures;
    private Func<LsResult>? _injectedAnswer;
    private string? _injectedPathPrefix;

    /// <summary>
    /// The next <paramref name="count"/> API requests are answered with <paramref name="status"/> and an HTML page, as
    /// a reverse proxy in front of Label Studio does while it restarts (502, 503, 504).
    /// </summary>
    public void FailNextRequests(int status, int count) => FailNextRequests(status, count, pathPrefix: null);

    /// <summary>
    /// Like <see cref="FailNextRequests(int, int)"/>, but only for requests whose path starts with
    /// <paramref name="pathPrefix"/> (e.g. <c>/api/webhooks/</c>, as a proxy that routes that path elsewhere).
    /// </summary>
    public void FailNextRequests(int status, int count, string? pathPrefix) => Inject(count, pathPrefix, () => new LsResult(
        status, "text/html", $"<html><head><title>{status}</title></head><body><center><h1>{status}</h1></center><hr><center>nginx</center></body></html>"));

    /// <summary>
    /// The next <paramref name="count"/> API requests fail with Label Studio's own error envelope carrying
    /// <paramref name="detail"/> as written: any text, HTML included, as Label Studio passes on what a view or an ML
    /// server put into an exception (<c>custom_exception_handler</c> copies <c>exc.detail</c>).
    /// </summary>
    public void FailNextRequestsWithDetail(int status, string detail, int count = 1) =>
        Inject(count, pathPrefix: null, () => _errors.Envelope(status, detail));

    /// <summary>
    /// The next API request under <paramref name="pathPrefix"/> is answered 200 with a JSON list of
    /// <paramref name="size"/> bytes (<c>[</c>, white space, <c>]</c>: valid, and empty), with a Content-Length or
    /// chunked. It is produced as it is sent; <see cref="LargeAnswerBytesSent"/> counts what the client took before it
    /// hung up. Nothing in Label Studio bounds an answer's size (DRF renders whatever the view returns), nor anything
    /// in a proxy or an impostor at its address.
    /// </summary>
    public void AnswerNextRequestWithLargeList(long size, bool chunked, string pathPrefix = "/api/ml/") =>
        Inject(1, pathPrefix, () => new LsResult(200, "application/json", "")
        {
            Streamed = (response, ct) => WritePaddedListAsync(response, size, ct),
            StreamedLength = chunked ? null : size,
        });

    /// <summary>
    /// The next API request under <paramref name="pathPrefix"/> is answered 200 with <paramref name="json"/> as
    /// written, e.g. <c>null</c> or <c>[null]</c> where a list is due. Label Studio itself never sends these (DRF's
    /// list views render <c>[]</c> for nothing), but a proxy, a mock or a broken plugin at its address can.
    /// </summary>
    public void AnswerNextRequestWithJson(string json, string pathPrefix = "/api/ml/") =>
        Inject(1, pathPrefix, () => new LsResult(200, "application/json", json));

    /// <summary>The bytes of the last large answer the client read before it went away (or all of them).</summary>
    public long LargeAnswerBytesSent => Interlocked.Read(ref _largeAnswerBytesSent);

    private long _largeAnswerBytesSent;

    private async Task WritePaddedListAsync(HttpResponse response, long size, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _largeAnswerBytesSent, 0);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        try
        {
            for (long sent = 0; sent < size && !cancellationToken.IsCancellationRequested;)
            {
                var length = (int)Math.Min(chunk.Length, size - sent);
                chunk[0] = sent == 0 ? (byte)'[' : (byte)' ';
                chunk[length - 1] = sent + length == size ? (byte)']' : (byte)' ';
                // The pipe says when the connection is gone (Kestrel then drops further writes without failing them).
                var written = await response.BodyWriter.WriteAsync(chunk.AsMemory(0, length), cancellationToken);
                if (written.IsCompleted || written.IsCanceled)
                    return;
                sent += length;
                Interlocked.Add(ref _largeAnswerBytesSent, length);

                // About 1 MiB per millisecond, like a fast network: Kestrel learns of a hang-up on another thread,
                // and a loop that never waits could finish the answer into a dead connection before it does.
                if (sent % (1024 * 1024) == 0)
                    await Task.Delay(1, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client hung up: the count says how far it read.
        }
    }

    private void Inject(int count, string? pathPrefix, Func<LsResult> answer)
    {
        lock (_gate)
        {
            _injectedAnswer = answer;
            _injectedFailures = count;
            _injectedPathPrefix = pathPrefix;
        }
    }

    private LsResult? TakeInjectedFailure(RecordedRequest request)
    {
        lock (_gate)
        {
            if (_injectedFailures <= 0 || _injectedAnswer is null || (_injectedPathPrefix is { } prefix && !request.Path.StartsWith(prefix, StringComparison.Ordinal)))
                return null;

            _injectedFailures--;
            return _injectedAnswer();
        }
    }
}
