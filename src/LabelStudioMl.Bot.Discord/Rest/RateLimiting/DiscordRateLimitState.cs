using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// Everything the rate limiter has learned, kept for the life of the process (HTTP handlers are recycled by the
/// client factory; the buckets must not be). Buckets are per major parameter, and interaction tokens make a new one
/// for every interaction, so buckets that hold nothing a fresh one would not are dropped every second.
/// </summary>
public sealed class DiscordRateLimitState
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _nextSweepTicks;

    /// <summary>Creates the state.</summary>
    /// <param name="options">Limits.</param>
    /// <param name="logger">Receives the invalid-request warnings.</param>
    /// <param name="time">The clock (fake in tests).</param>
    public DiscordRateLimitState(IOptions<DiscordSettings> options, ILogger<DiscordRateLimitState> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? TimeProvider.System;
        Global = new GlobalRateLimiter(_time, options.Value.GlobalRequestsPerSecond);
        InvalidRequests = new InvalidRequestMonitor(_time, options.Value.InvalidRequestWarningThreshold, logger);
    }

    /// <summary>Fingerprint of a token Discord answered 401 to; requests with it are not sent again (RL).</summary>
    internal string? RejectedTokenFingerprint { get; set; }

    /// <summary>The number of 401/403/429 answers in the last 10 minutes.</summary>
    public int InvalidRequestCount => InvalidRequests.Count;

    internal GlobalRateLimiter Global { get; }

    internal InvalidRequestMonitor InvalidRequests { get; }

    internal TimeProvider Time => _time;

    /// <summary>How many buckets are kept.</summary>
    internal int BucketCount => _buckets.Count;

    internal RateLimitBucket BucketFor(DiscordRoute route)
    {
        SweepIfDue();
        var key = _bucketOfRoute.TryGetValue(route.Template, out var hash) ? hash + ":" + route.Major : route.Template + ":" + route.Major;
        while (true)
        {
            var bucket = _buckets.GetOrAdd(key, _ => new RateLimitBucket(_time));
            if (bucket.Claim())
                return bucket;
            _buckets.TryRemove(new KeyValuePair<string, RateLimitBucket>(key, bucket)); // retired by a sweep still removing it
        }
    }

    /// <summary>
    /// Remembers which bucket a route belongs to. The bucket the request used stays valid (requests may be
    /// waiting on it); it becomes the shared bucket unless another route already brought one.
    /// </summary>
    internal RateLimitBucket Learn(DiscordRoute route, RateLimitBucket used, string? bucketHash)
    {
        if (string.IsNullOrEmpty(bucketHash))
            return used;
        var shared = _buckets.GetOrAdd(bucketHash + ":" + route.Major, used);
        _bucketOfRoute[route.Template] = bucketHash;
        return shared;
    }

    private void SweepIfDue()
    {
        var now = _time.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due)
            return;

        var idleSince = now - SweepInterval;
        foreach (var entry in _buckets)
        {
            if (entry.Value.TryRetire(now, idleSince))
                _buckets.TryRemove(entry);
        }
    }
}
