namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// What the session reports about its connections (<see cref="IGatewayStatus"/> and the reconnect counters): the
/// session writes where it stands, its connection runs what they saw; anything may read it.
/// </summary>
/// <remarks>Thread-safe: every value is read and written atomically.</remarks>
internal sealed class GatewayVitals
{
    private volatile GatewayState _state = GatewayState.NotStarted;
    private volatile string? _stopReason;
    private volatile bool _stoppedByDiscord;
    private long _heartbeatRoundTripTicks = -1;
    private long _lastEventUnixMs = -1;
    private long _identifies;
    private long _resumes;

    /// <summary>Where the session stands; <see cref="Stop"/> sets <see cref="GatewayState.Stopped"/>.</summary>
    public GatewayState State
    {
        get => _state;
        set => _state = value;
    }

    /// <summary>Why the session stopped; null while it runs.</summary>
    public string? StopReason => _stopReason;

    /// <summary>Whether Discord ended the session for good.</summary>
    public bool StoppedByDiscord => _stoppedByDiscord;

    /// <summary>Time between the last heartbeat and its ACK.</summary>
    public TimeSpan? HeartbeatRoundTrip => Interlocked.Read(ref _heartbeatRoundTripTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null;

    /// <summary>When the last message arrived from the gateway.</summary>
    public DateTimeOffset? LastEventAt => Interlocked.Read(ref _lastEventUnixMs) is var ms and >= 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>How many identifies were sent.</summary>
    public long IdentifyCount => Interlocked.Read(ref _identifies);

    /// <summary>How many resumes were sent.</summary>
    public long ResumeCount => Interlocked.Read(ref _resumes);

    /// <summary>Stops the session with <paramref name="reason"/>.</summary>
    /// <param name="reason">Why (with the fix when Discord ended it).</param>
    /// <param name="byDiscord">Whether Discord ended it for good.</param>
    public void Stop(string reason, bool byDiscord)
    {
        if (byDiscord)
            _stoppedByDiscord = true;
        _stopReason = reason;
        _state = GatewayState.Stopped;
    }

    /// <summary>Records a message from the gateway.</summary>
    /// <param name="at">When it arrived.</param>
    public void EventArrived(DateTimeOffset at) => Interlocked.Exchange(ref _lastEventUnixMs, at.ToUnixTimeMilliseconds());

    /// <summary>Records a heartbeat ACK.</summary>
    /// <param name="roundTrip">Time since the beat it answers.</param>
    public void HeartbeatAcknowledged(TimeSpan roundTrip) => Interlocked.Exchange(ref _heartbeatRoundTripTicks, roundTrip.Ticks);

    /// <summary>Counts an identify sent.</summary>
    public void Identified() => Interlocked.Increment(ref _identifies);

    /// <summary>Counts a resume sent.</summary>
    public void Resumed() => Interlocked.Increment(ref _resumes);
}
