namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// One learned bucket. Requests into it are serialised while its state is unknown; once Discord told us the
/// remaining count, that many may run at once, and none is sent into an exhausted bucket before its reset.
/// </summary>
#pragma warning disable CA1001 // The semaphore never allocates a wait handle, so a dropped bucket needs no disposal.
internal sealed class RateLimitBucket(TimeProvider time)
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _state = new();
    private int? _remaining;
    private DateTimeOffset _resetAt = DateTimeOffset.MinValue;
    private long _lastUsedTicks = time.GetUtcNow().UtcTicks;
    private bool _retired;

    /// <summary>
    /// A request that looked the bucket up takes it: false when the sweep retired it meanwhile (the request then looks
    /// again and gets the bucket that replaces it), so no request ever enters a bucket that is no longer kept.
    /// </summary>
    public bool Claim()
    {
        lock (_state)
        {
            if (_retired)
                return false;
            Interlocked.Exchange(ref _lastUsedTicks, time.GetUtcNow().UtcTicks);
            return true;
        }
    }

    /// <summary>
    /// Retires the bucket when a fresh one would behave the same: nothing in it or waiting for it, its reset passed,
    /// and not claimed since <paramref name="idleSince"/>. Returns whether it is retired (also when it already was: a
    /// bucket kept under both its route and its learned hash is dropped under each). A retired bucket is never claimed
    /// again.
    /// </summary>
    public bool TryRetire(DateTimeOffset now, DateTimeOffset idleSince)
    {
        lock (_state)
        {
            if (_retired)
                return true;
            if (_gate.CurrentCount == 0 || Interlocked.Read(ref _lastUsedTicks) > idleSince.UtcTicks || _resetAt > now)
                return false;
            _retired = true;
            return true;
        }
    }

    /// <summary>Waits until a request may be sent; the returned lease must be released after the response.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, time.GetUtcNow().UtcTicks);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_state)
                {
                    var now = time.GetUtcNow();
                    if (_resetAt <= now && _remaining is not null)
                    {
                        _remaining = null;
                    }

                    if (_remaining is null)
                        return new ProbeLease(_gate);
                    if (_remaining > 0)
                    {
                        _remaining--;
                        _gate.Release();
                        return NoLease.Instance;
                    }

                    wait = _resetAt - now;
                }

                await Task.Delay(wait, time, cancellationToken);
            }
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>How long a request must wait before it may go into this bucket (zero unless it is exhausted).</summary>
    public TimeSpan BlockedFor()
    {
        lock (_state)
        {
            var wait = _resetAt - time.GetUtcNow();
            return _remaining == 0 && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    /// <summary>Learns from <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset-After</c>.</summary>
    public void Update(int? remaining, TimeSpan? resetAfter)
    {
        if (remaining is null || resetAfter is null)
            return;
        lock (_state)
        {
            _remaining = remaining;
            _resetAt = time.GetUtcNow() + resetAfter.Value;
        }
    }

    /// <summary>A 429 on this bucket: nothing goes in for <paramref name="retryAfter"/>.</summary>
    public void Block(TimeSpan retryAfter)
    {
        lock (_state)
        {
            _remaining = 0;
            var until = time.GetUtcNow() + retryAfter;
            if (until > _resetAt)
                _resetAt = until;
        }
    }

    /// <summary>While the bucket's state is unknown, one request probes it and the others wait for its headers.</summary>
    private sealed class ProbeLease(SemaphoreSlim gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                gate.Release();
        }
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
