namespace Symbol.Scheduling;

/// <summary>
/// Waits on the scheduler's own thread, on the system clock: a timed wait until a millisecond before the fire, then
/// short sleeps. No timer callback is involved, so a thread pool kept busy by long jobs cannot make a fire late.
/// </summary>
internal sealed class SystemClockWait : ISchedulerWait
{
    public static readonly SystemClockWait Instance = new();

    // Timed waits wake at millisecond granularity; the last stretch before a fire is spent in short
    // sub-millisecond sleeps, which keeps lateness well under a millisecond.
    private static readonly TimeSpan SpinWindow = TimeSpan.FromMilliseconds(1);
    // Woken this long before a fire, the loop checks again rather than risk oversleeping it.
    private static readonly TimeSpan ShortSleepMargin = TimeSpan.FromMicroseconds(100);
    // Re-read the wall clock at least this often, so a clock change is noticed.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    public void Wait(TimeProvider time, DateTimeOffset? due, ManualResetEventSlim wake)
    {
        if (due is null)
        {
            wake.Wait(LongestWait);
            return;
        }
        var remaining = due.Value - time.GetUtcNow();
        if (remaining > SpinWindow)
            wake.Wait(remaining - SpinWindow < LongestWait ? remaining - SpinWindow : LongestWait);
        else if (remaining > TimeSpan.Zero)
            ShortSleep.For(remaining - ShortSleepMargin);
    }
}
