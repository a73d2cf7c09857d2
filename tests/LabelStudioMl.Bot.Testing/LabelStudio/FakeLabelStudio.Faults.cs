namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    private int _injectedFailures;
    private int _injectedStatus;
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
    public void FailNextRequests(int status, int count, string? pathPrefix)
    {
        lock (_gate)
        {
            _injectedStatus = status;
            _injectedFailures = count;
            _injectedPathPrefix = pathPrefix;
        }
    }

    private LsResult? TakeInjectedFailure(RecordedRequest request)
    {
        lock (_gate)
        {
            if (_injectedFailures <= 0 || (_injectedPathPrefix is { } prefix && !request.Path.StartsWith(prefix, StringComparison.Ordinal)))
                return null;

            _injectedFailures--;
            return new LsResult(_injectedStatus, "text/html", $"<html><head><title>{_injectedStatus}</title></head><body><center><h1>{_injectedStatus}</h1></center><hr><center>nginx</center></body></html>");
        }
    }
}
