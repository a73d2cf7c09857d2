using System.Collections.Concurrent;
using System.Diagnostics;

namespace LabelStudioMl.Bot.Bench;

/// <summary>Runs <c>count</c> operations with <c>concurrency</c> of them in flight at any time (closed loop).</summary>
internal static class ConcurrentRun
{
    public static async Task<(IReadOnlyList<T> Results, TimeSpan Elapsed)> RunAsync<T>(int count, int concurrency, Func<int, Task<T>> operation)
    {
        var results = new ConcurrentQueue<T>();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(count, concurrency)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                results.Enqueue(await operation(i));
        })));
        return ([.. results], Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Milliseconds between two <see cref="Stopwatch.GetTimestamp"/> values.</summary>
    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
