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
