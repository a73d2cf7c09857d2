using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace LabelStudioMl.Bot.Testing;

/// <summary>
/// Keeps every log line a host writes so tests can assert on what an operator would read: the message rendered, then
/// the exception with its stack trace when one is logged. Hosts that log through Microsoft.Extensions.Logging add it as a
/// provider (<c>builder.Logging.AddProvider(logs)</c>, Debug and above); the bot's host, which logs through Serilog,
/// registers it as a sink service (<c>services.AddSingleton&lt;ILogEventSink&gt;(logs)</c>), which the bot's logger
/// reads, at the bot's minimum level.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ILogEventSink
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _lines = new();

    /// <summary>The messages captured so far, in order.</summary>
    public IReadOnlyList<string> Messages => [.. _lines.Select(l => l.Message)];

    /// <summary>Every line with its level and category, one per line of text, for a failure message.</summary>
    public string All => string.Join(Environment.NewLine, _lines.Select(l => $"{l.Level} {l.Category}: {l.Message}"));

    /// <summary>Whether a line at <paramref name="atLeast"/> or above contains <paramref name="text"/>.</summary>
    public bool Contains(LogLevel atLeast, string text) =>
        _lines.Any(l => l.Level >= atLeast && l.Message.Contains(text, StringComparison.Ordinal));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var category = logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var source) && source is ScalarValue { Value: string name }
            ? name
            : "";
        Add(LevelOf(logEvent.Level), category, logEvent.RenderMessage(CultureInfo.InvariantCulture), logEvent.Exception);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, string message, Exception? exception) =>
        _lines.Enqueue((level, category, message + (exception is null ? "" : " " + exception)));

    private static LogLevel LevelOf(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => LogLevel.Trace,
        LogEventLevel.Debug => LogLevel.Debug,
        LogEventLevel.Information => LogLevel.Information,
        LogEventLevel.Warning => LogLevel.Warning,
        LogEventLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(logLevel, category, formatter(state, exception), exception);
    }
}
