using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Symbol.Orchestrator.Testing;

/// <summary>What a <see cref="FakeLogCollector"/> caught, as lines a user would read (<c>Warning: message</c>).</summary>
public static class LogLines
{
    /// <summary>A logger factory (debug and up) whose loggers all write to <paramref name="logs"/>.</summary>
    public static ILoggerFactory Factory(this FakeLogCollector logs) =>
        LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs)));

    public static IReadOnlyList<string> Lines(this FakeLogCollector logs) =>
        logs.GetSnapshot().Select(r => $"{r.Level}: {r.Message}").ToList();

    public static bool Any(this FakeLogCollector logs, string text) =>
        logs.Lines().Any(l => l.Contains(text, StringComparison.Ordinal));
}
