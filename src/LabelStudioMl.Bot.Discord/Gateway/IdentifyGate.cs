using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// Guards the identify budget (GW "Session Start Limit"): <c>max_concurrency</c> identifies per window, and no
/// identify at all while <c>session_start_limit.remaining</c> is 0 (waits <c>reset_after</c>): burning the
/// 1000 daily identifies gets the token reset.
/// </summary>
/// <remarks>Not thread-safe: the session and its connection runs use it in turn, never at once.</remarks>
internal sealed class IdentifyGate(TimeSpan window, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _identifies = new();

    /// <summary>The budget GET /gateway/bot reported, less the identifies sent since; null when not known.</summary>
    public SessionStartLimit? Limit { get; set; }

    /// <summary>Whether the known budget has no identify left.</summary>
    public bool Spent => Limit is { Remaining: <= 0 };

    /// <summary>Waits until an identify fits the concurrency window, and takes its slot.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var concurrency = Math.Max(1, Limit?.MaxConcurrency ?? 1);
        while (true)
        {
            var now = time.GetUtcNow();
            while (_identifies.Count > 0 && now - _identifies.Peek() >= window)
                _identifies.Dequeue();
            if (_identifies.Count < concurrency)
            {
                _identifies.Enqueue(now);
                return;
            }

            await Task.Delay(_identifies.Peek() + window - now, time, cancellationToken);
        }
    }

    /// <summary>Counts an identify that was sent against the known budget.</summary>
    public void Identified()
    {
        if (Limit is { } limit)
            Limit = limit with { Remaining = limit.Remaining - 1 };
    }
}
