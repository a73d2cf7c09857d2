namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    private int _injectedFailures;
    private int _injectedStatus;

    /// <summary>
    /// The next <paramref name="count"/> API requests are answered with <paramref name="status"/> and an HTML page, as
    /// a reverse proxy in front of Label Studio does while it restarts (502, 503, 504).
    /// </summary>
    public void FailNextRequests(int status, int count)
    {
        lock (_gate)
        {
            _injectedStatus = status;
            _injectedFailures = count;
        }
    }

    private LsResult? TakeInjectedFailure()
    {
        lock (_gate)
        {
            if (_injectedFailures <= 0)
                return null;

            _injectedFailures--;
            return new LsResult(_injectedStatus, "text/html", $"<html><head><title>{_injectedStatus}</title></head><body><center><h1>{_injectedStatus}</h1></center><hr><center>nginx</center></body></html>");
        }
    }
}
