using System.Diagnostics;
using System.Globalization;

namespace LabelStudioMl.Bot.Bench;

/// <summary>What Linux tells about a process from outside: resident memory and CPU time.</summary>
internal static class ProcessProbe
{
    /// <summary><c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>, in MiB.</summary>
    public static double ResidentMegabytes(int pid) => Status(pid, "VmRSS") / 1024.0;

    /// <summary><c>Threads</c> of <c>/proc/&lt;pid&gt;/status</c>.</summary>
    public static int Threads(int pid) => (int)Status(pid, "Threads");

    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>User plus system CPU time (<c>utime + stime</c> of <c>/proc/&lt;pid&gt;/stat</c>), in milliseconds.</summary>
    public static double CpuMilliseconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    /// <summary>The three load averages of <c>/proc/loadavg</c>.</summary>
    public static double[] LoadAverage() =>
        [.. File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
}
