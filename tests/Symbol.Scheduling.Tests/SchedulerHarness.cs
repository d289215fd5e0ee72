using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using KitWait = Symbol.Orchestrator.Testing.Wait;

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
        Scheduler = new Scheduler(Clock, options, Logger, Wait);
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The wait the scheduler uses on a fake clock by default, watched so that tests know when its thread sleeps.</summary>
    public WatchedWait Wait { get; } = new(TimerWait.Instance);
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
        while (NextDue is { } next && next <= until)
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

    private DateTimeOffset? NextDue => Scheduler.Jobs is [var first, ..] ? first.NextRun : null;

    /// <summary>Waits until the scheduler has run everything due now and sleeps.</summary>
    public void Settle() => KitWait.Until(IsSettled, "the scheduler to settle");

    // In this order: a thread seen waiting that then wakes for a due job takes it off the heap and counts it as
    // running in one step, so either the head is still due or the job counts as running when they are read.
    private bool IsSettled() => Wait.IsWaiting && !(NextDue <= Now) && Scheduler.RunningCount == 0;

    public static void WaitFor(Func<bool> condition, string what) => KitWait.Until(condition, what);

    public string[] Names => Runs.Select(r => r.Job).ToArray();

    public void Dispose() => Scheduler.Dispose();
}

/// <summary>Passes waits on to <paramref name="inner"/> and says whether the scheduler's thread is inside one.</summary>
internal sealed class WatchedWait(ISchedulerWait inner) : ISchedulerWait
{
    private volatile bool _waiting;

    public bool IsWaiting => _waiting;

    /// <summary>The due instants the scheduler waited for, in order (null: no job pending).</summary>
    public ConcurrentQueue<DateTimeOffset?> Dues { get; } = new();

    public void Wait(TimeProvider time, DateTimeOffset? due, ManualResetEventSlim wake)
    {
        Dues.Enqueue(due);
        _waiting = true;
        try
        {
            inner.Wait(time, due, wake);
        }
        finally
        {
            _waiting = false;
        }
    }
}

