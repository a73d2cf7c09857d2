using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// Guards the identify budget (GW "Session Start Limit"): <c>max_concurrency</c> identifies per window, and no
/// identify at all while <c>session_start_limit.remaining</c> is 0 (waits <c>reset_after</c>): burning the
/// 1000 daily identifies gets the token reset.
/// </summary>
internal sealed class IdentifyGate(TimeSpan window, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _identifies = new();

    public async Task WaitAsync(SessionStartLimit? limit, CancellationToken cancellationToken)
    {
        var concurrency = Math.Max(1, limit?.MaxConcurrency ?? 1);
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
}
