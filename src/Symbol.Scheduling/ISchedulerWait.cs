namespace Symbol.Scheduling;

/// <summary>
/// How a <see cref="Scheduler"/>'s thread waits for its next due instant. By default, on the system clock the thread
/// waits itself and sleeps the last millisecond in short sleeps, so a thread pool kept busy by jobs cannot make a fire
/// late; on any other <see cref="TimeProvider"/> (a fake clock in tests) a timer of that provider wakes it, so moving
/// the clock drives it.
/// </summary>
public interface ISchedulerWait
{
    /// <summary>
    /// Blocks until <paramref name="due"/> on <paramref name="time"/> (with no due instant, until woken) or until
    /// <paramref name="wake"/> is set, which the scheduler does when an earlier job is added or it stops. Returning
    /// early is allowed: the scheduler then looks at its jobs again and waits anew.
    /// </summary>
    void Wait(TimeProvider time, DateTimeOffset? due, ManualResetEventSlim wake);
}
