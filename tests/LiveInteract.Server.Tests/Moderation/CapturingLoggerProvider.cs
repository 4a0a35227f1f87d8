using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Server.Tests.Moderation;

/// <summary>Keeps every log entry the server writes (level, category, message and exception), for asserting what is never logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Each entry as one line: level, category, message and the exception's text (stack trace included).</summary>
    public IReadOnlyList<string> Lines => [.. _entries.Select(e => e.Line)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}

public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public string Line => $"{Level} {Category}: {Message} {Exception}";
}
