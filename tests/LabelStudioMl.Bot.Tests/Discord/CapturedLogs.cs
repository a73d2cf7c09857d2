using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>Keeps every log line so tests can assert on what an operator would read.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. _lines];

    public bool Contains(LogLevel atLeast, string text) =>
        _lines.Any(l => l.Level >= atLeast && l.Message.Contains(text, StringComparison.Ordinal));

    public string All => string.Join(Environment.NewLine, _lines.Select(l => $"{l.Level} {l.Category}: {l.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception.Message)));
    }
}
