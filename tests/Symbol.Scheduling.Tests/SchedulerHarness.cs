using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Symbol.Scheduling.Tests;

/// <summary>
/// A scheduler on a fake clock, with helpers that step the clock from fire to fire and wait (on a
/// condition, with a generous bound) until everything due has run.
/// </summary>
internal sealed class SchedulerHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public SchedulerHarness(DateTimeOffset? start = null, SchedulerOptions? options = null)
    {
        Clock = new FakeTimeProvider(start ?? Start);
        Scheduler = new Scheduler(Clock, options, Logger);
    }

    public FakeTimeProvider Clock { get; }
    public Scheduler Scheduler { get; }
    public CapturingLogger Logger { get; } = new();

    /// <summary>What ran: job name, the fire's scheduled instant, and the clock when it started.</summary>
    public ConcurrentQueue<(string Job, DateTimeOffset ScheduledAt, DateTimeOffset StartedAt)> Runs { get; } = new();

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>A callable that records its runs.</summary>
    public Action<ScheduledFire> Recorder(string name) => fire => Runs.Enqueue((name, fire.ScheduledAt, Clock.GetUtcNow()));

    public ScheduledJob Add(string name, Schedule schedule) => Scheduler.AddJob(new ScheduledJob(name, Recorder(name), schedule));

    /// <summary>Advances the clock fire by fire up to <paramref name="until"/>, letting each instant's jobs run before moving on.</summary>
    public void RunUntil(DateTimeOffset until)
    {
        Scheduler.Start();
        Settle();
        while (Scheduler.PeekNextDue() is { } next && next <= until)
        {
            if (next > Now)
                Clock.SetUtcNow(next);
            Settle();
        }
        if (until > Now)
            Clock.SetUtcNow(until);
        Settle();
    }

    public void RunFor(TimeSpan span) => RunUntil(Now + span);

    /// <summary>Waits until the scheduler has run everything due now and sleeps.</summary>
    public void Settle() =>
        Assert.True(SpinWait.SpinUntil(() => Scheduler.IsSettledAt(Now), TimeSpan.FromSeconds(20)), "the scheduler did not settle");

    public static void WaitFor(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(20)), $"timed out waiting for {what}");

    public string[] Names => Runs.Select(r => r.Job).ToArray();

    public void Dispose() => Scheduler.Dispose();
}

/// <summary>Keeps every log entry, so tests can assert what a user would read.</summary>
internal sealed class CapturingLogger : ILogger<Scheduler>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception), exception));
}
