using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LabelStudioMl.Bot.Bench;

/// <summary>What Linux tells about a process from outside: resident memory and CPU time.</summary>
internal static partial class ProcessProbe
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

    /// <summary>
    /// Where the resident pages of <paramref name="binary"/>'s process lie, from <c>/proc/&lt;pid&gt;/smaps</c>, in MiB:
    /// the binary's own file pages (code, read-only data, unwind tables), its data written at start (the anonymous
    /// mapping right after the file's: Native AOT's rehydrated type data and <c>.bss</c>), and the other files mapped
    /// (libc, libcrypto, SQLite). The rest of RSS is the process's private memory: the GC's regions, <c>malloc</c>, stacks.
    /// </summary>
    public static (double BinaryFile, double BinaryData, double Libraries) ResidentByMapping(int pid, string binary)
    {
        double binaryFile = 0, binaryData = 0, libraries = 0;
        ulong binaryEnd = 0;
        (ulong Start, ulong End, string Path) mapping = (0, 0, "");
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (SmapsHeader().Match(line) is { Success: true } header)
            {
                mapping = (ulong.Parse(header.Groups["start"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    ulong.Parse(header.Groups["end"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture), header.Groups["path"].Value.Trim());
                if (mapping.Path == binary)
                    binaryEnd = mapping.End;
                continue;
            }

            if (!line.StartsWith("Rss:", StringComparison.Ordinal))
                continue;
            var megabytes = long.Parse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            if (mapping.Path == binary)
                binaryFile += megabytes;
            else if (mapping.Path.Length == 0 && mapping.Start == binaryEnd)
                binaryData += megabytes;
            else if (mapping.Path.StartsWith('/'))
                libraries += megabytes;
        }

        return (binaryFile, binaryData, libraries);
    }

    [GeneratedRegex(@"^(?<start>[0-9a-f]+)-(?<end>[0-9a-f]+) \S+ \S+ \S+ \S+\s*(?<path>.*)$")]
    private static partial Regex SmapsHeader();

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
