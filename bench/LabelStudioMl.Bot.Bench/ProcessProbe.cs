using System.Diagnostics;
using System.Globalization;

namespace LabelStudioMl.Bot.Bench;

/// <summary>What Linux tells about a process from outside: resident memory and CPU time.</summary>
internal static class ProcessProbe
{
    /// <summary><c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>, in MiB.</summary>
    public static double ResidentMegabytes(int pid) => Status(pid, "VmRSS") / 1024.0;

    /// <summary><c>VmHWM</c> of <c>/proc/&lt;pid&gt;/status</c>: the highest RSS the process has had, in MiB.</summary>
    public static double PeakResidentMegabytes(int pid) => Status(pid, "VmHWM") / 1024.0;

    /// <summary>
    /// The parts of RSS: private memory (<c>RssAnon</c>: heaps, stacks) and pages mapped from files or shared memory
    /// (<c>RssFile</c> + <c>RssShmem</c>: the runtime's and framework's images, JIT code mapped twice for W^X), in MiB.
    /// File pages are shared with every other .NET process and given back under memory pressure.
    /// </summary>
    public static (double Private, double Mapped) ResidentParts(int pid) =>
        (Status(pid, "RssAnon") / 1024.0, (Status(pid, "RssFile") + Status(pid, "RssShmem")) / 1024.0);

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
