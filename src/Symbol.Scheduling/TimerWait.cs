namespace Symbol.Scheduling;

/// <summary>
/// Waits for a timer of the scheduler's <see cref="TimeProvider"/>, for a clock the operating system cannot wait on:
/// with a <c>FakeTimeProvider</c>, advancing the clock past the due instant wakes the scheduler.
/// </summary>
internal sealed class TimerWait : ISchedulerWait
{
    public static readonly TimerWait Instance = new();

    public void Wait(TimeProvider time, DateTimeOffset? due, ManualResetEventSlim wake)
    {
        if (due is null)
        {
            wake.Wait();
            return;
        }
        // A timer counts from the clock's time when it is set, and a clock that other threads move (a fake clock in
        // tests, or one a host advances) may have passed the due instant since the scheduler read it: the timer would
        // then fire late, or never. So the delay is taken afresh, and the clock checked again once the timer is set; a
        // move after that check fires the timer itself.
        var delay = due.Value - time.GetUtcNow();
        using var timer = time.CreateTimer(static s => ((ManualResetEventSlim)s!).Set(), wake, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        if (time.GetUtcNow() < due.Value)
            wake.Wait();
    }
}
