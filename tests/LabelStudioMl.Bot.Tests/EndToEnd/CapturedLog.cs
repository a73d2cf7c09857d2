using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// Every log line one bot host writes, captured by a sink the harness registers (<see cref="Settings"/>), so a
/// test can search the rendered lines, e.g. for a password that must never appear.
/// </summary>
/// <remarks>
/// The host's Serilog logger becomes the process-wide static <c>Log.Logger</c>, so with hosts running in parallel a
/// host's lines can land in another host's sinks. Tests that read captured lines run in <see cref="CollectionName"/>,
/// which xUnit runs alone.
/// </remarks>
internal static class CapturedLog
{
    /// <summary>The test collection of classes that read captured lines (run without parallel hosts).</summary>
    public const string CollectionName = "Captured logs";

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Lines = new(StringComparer.Ordinal);

    /// <summary>Settings that make a harness's host write Information and above to a new capture; returns its key.</summary>
    public static Dictionary<string, string> Settings(out string key)
    {
        key = Guid.NewGuid().ToString("N");
        Lines[key] = new ConcurrentQueue<string>();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Serilog:MinimumLevel:Default"] = "Information",
            [SettingKey] = key,
        };
    }

    /// <summary>The setting <see cref="BotHarness"/> reads to register the capturing sink (the bot itself ignores it).</summary>
    public const string SettingKey = "Tests:CapturedLog";

    /// <summary>The sink that captures a host's lines under <paramref name="key"/>, for the host's services.</summary>
    public static ILogEventSink Sink(string key) => new CapturingSink(key);

    /// <summary>The lines captured under <paramref name="key"/> so far.</summary>
    public static IReadOnlyList<string> Of(string key) => Lines.TryGetValue(key, out var lines) ? [.. lines] : [];

    internal static void Add(string key, string line) => Lines.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(line);
}

/// <summary>The Serilog sink behind <see cref="CapturedLog"/>: registered as a service, which the bot's logger reads.</summary>
internal sealed class CapturingSink(string key) : ILogEventSink
{
    public void Emit(LogEvent logEvent) =>
        CapturedLog.Add(key, logEvent.RenderMessage(CultureInfo.InvariantCulture) + (logEvent.Exception is { } e ? " " + e : ""));
}

/// <summary>Runs the classes that read captured log lines alone (see <see cref="CapturedLog"/>).</summary>
[CollectionDefinition(CapturedLog.CollectionName, DisableParallelization = true)]
public sealed class CapturedLogGroup;
