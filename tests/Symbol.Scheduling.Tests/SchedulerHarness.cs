using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Testing;
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
    public FakeLogger<Scheduler> Logger { get; } = new();

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
    public void Settle() => Wait.Until(() => Scheduler.IsSettledAt(Now), "the scheduler to settle");

    public static void WaitFor(Func<bool> condition, string what) => Wait.Until(condition, what);

    public string[] Names => Runs.Select(r => r.Job).ToArray();

    public void Dispose() => Scheduler.Dispose();
}
