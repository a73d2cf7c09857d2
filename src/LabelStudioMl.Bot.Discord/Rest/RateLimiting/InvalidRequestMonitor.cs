using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// Counts 401, 403 and non-shared 429 responses over a sliding 10 minutes (RL: 10,000 of them get the IP banned
/// by Cloudflare) and warns each time another <c>threshold</c> of them has accumulated, long before the ban.
/// </summary>
internal sealed partial class InvalidRequestMonitor(TimeProvider time, int threshold, ILogger logger)
{
    /// <summary>Discord's ban threshold.</summary>
    public const int BanThreshold = 10_000;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Lock _lock = new();
    private int _lastWarnedLevel;

    /// <summary>The number of invalid requests in the last 10 minutes.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                Trim(time.GetUtcNow());
                return _invalid.Count;
            }
        }
    }

    public void Record(int statusCode, string? scope)
    {
        var invalid = statusCode is 401 or 403 || (statusCode == 429 && !string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase));
        if (!invalid)
            return;

        int count;
        var warn = false;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Trim(now);
            _invalid.Enqueue(now);
            count = _invalid.Count;
            var level = count / Math.Max(1, threshold);
            if (level > _lastWarnedLevel)
            {
                _lastWarnedLevel = level;
                warn = true;
            }
            else if (level < _lastWarnedLevel)
            {
                _lastWarnedLevel = level;
            }
        }

        if (warn)
        {
            LogNearBan(count, BanThreshold);
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_invalid.Count > 0 && now - _invalid.Peek() > Window)
            _invalid.Dequeue();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord answered {Count} requests with 401/403/429 in the last 10 minutes; at {BanThreshold} Cloudflare bans this IP. Check the token, the bot's permissions and what keeps retrying.")]
    private partial void LogNearBan(int count, int banThreshold);
}
