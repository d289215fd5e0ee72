using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Symbol.Scheduling.Tests;

/// <summary>The scheduler's wait strategy: the one it is given is the one its loop waits on, and both built-in ones wake when they should.</summary>
public class SchedulerWaitTests
{
    private static readonly DateTimeOffset T0 = SchedulerHarness.Start;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void TheLoop_WaitsThroughTheInjectedWait_ForTheEarliestDueInstant_AndAnEarlierJobWakesIt()
    {
        using var h = new SchedulerHarness();
        h.Add("late", T0.AddHours(1));
        h.Scheduler.Start();
        h.Settle();
        Assert.Equal(T0.AddHours(1), h.Wait.Dues.Last());

        // Added while the thread sleeps until 11:00, it wakes the thread, which then sleeps until 10:00:05 instead.
        h.Add("early", T0.AddSeconds(5));
        SchedulerHarness.WaitFor(() => h.Wait.Dues.Last() == T0.AddSeconds(5), "a wait for the earlier job");

        h.RunUntil(T0.AddHours(1));
        Assert.Equal(["early", "late"], h.Names);
        Assert.Null(h.Wait.Dues.Last()); // nothing left: it waits to be woken
    }

    [Fact]
    public async Task TimerWait_Returns_WhenTheFakeClockReachesTheDueInstant()
    {
        var clock = new FakeTimeProvider(T0);
        using var wake = new ManualResetEventSlim();
        var waiting = Task.Factory.StartNew(() => TimerWait.Instance.Wait(clock, T0.AddSeconds(10), wake), TaskCreationOptions.LongRunning);

        // Step until it returns: the clock may move before the wait has set its timer, which it then sees when it does.
        while (!waiting.IsCompleted && clock.GetUtcNow() < T0.AddSeconds(10))
        {
            await Task.Yield();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await waiting.WaitAsync(Bound);
        Assert.True(clock.GetUtcNow() >= T0.AddSeconds(10));
    }

    [Fact]
    public async Task TimerWait_ReturnsAtOnce_WhenTheClockIsPastTheDueInstant()
    {
        var clock = new FakeTimeProvider(T0);
        using var wake = new ManualResetEventSlim();
        await Task.Run(() => TimerWait.Instance.Wait(clock, T0.AddSeconds(-1), wake)).WaitAsync(Bound);
        await Task.Run(() => TimerWait.Instance.Wait(clock, T0, wake)).WaitAsync(Bound);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BothWaits_Return_WhenWoken_WhateverTheDueInstant(bool systemClock)
    {
        ISchedulerWait wait = systemClock ? SystemClockWait.Instance : TimerWait.Instance;
        TimeProvider clock = systemClock ? TimeProvider.System : new FakeTimeProvider(T0);
        foreach (DateTimeOffset? due in new DateTimeOffset?[] { clock.GetUtcNow().AddHours(1), null })
        {
            using var wake = new ManualResetEventSlim();
            var waiting = Task.Factory.StartNew(() => wait.Wait(clock, due, wake), TaskCreationOptions.LongRunning);
            wake.Set();
            await waiting.WaitAsync(Bound);
        }
    }

    [Fact]
    public void OnTheSystemClock_JobsStartAtTheirInstant_NeverBefore()
    {
        using var scheduler = new Scheduler();
        var starts = new ConcurrentQueue<(DateTimeOffset ScheduledAt, DateTimeOffset StartedAt)>();
        var first = DateTimeOffset.UtcNow.AddMilliseconds(50);
        for (int i = 0; i < 20; i++)
            scheduler.AddJob(new ScheduledJob($"job{i}", (ScheduledFire f) => starts.Enqueue((f.ScheduledAt, DateTimeOffset.UtcNow)), first.AddMilliseconds(7 * i)));
        scheduler.Start();

        SchedulerHarness.WaitFor(() => starts.Count == 20, "every job to start");

        Assert.All(starts, s => Assert.True(s.StartedAt >= s.ScheduledAt, $"started at {s.StartedAt:O}, before its instant {s.ScheduledAt:O}"));
    }
}
