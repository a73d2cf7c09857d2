namespace LabelStudioMl.Bot.Bench;

/// <summary>Label Studio calls and bot CPU per watcher cycle, for 1000 backends in 100 watched projects.</summary>
internal static class WatcherCost
{
    public static Task MeasureAsync(Measurements results)
    {
        results.WatcherCallsPerCycle = null;
        results.WatcherCpuMsPerCycle = null;
        results.WatcherNote = "not measured yet: the watcher (`/ml watch`, `Watch:Interval`) has not landed on main.";
        return Task.CompletedTask;
    }
}
