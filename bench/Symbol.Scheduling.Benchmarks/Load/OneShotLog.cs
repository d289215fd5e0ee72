namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// Where one-shot job bodies record how late they started. Static, because Quartz builds its job
/// instances itself and our burst shares one static delegate; each start takes one slot of a
/// preallocated array through <see cref="Interlocked"/>, so a job body neither locks nor allocates.
/// </summary>
internal static class OneShotLog
{
    // Awaited, not blocked on: the harness's code may be running on a thread-pool thread, and
    // blocking one of the two a 2-core machine starts with would slow whichever scheduler runs.
    private static TaskCompletionSource _allStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static long[] _lateness = [];
    private static int _count;

    public static void Reset(int expected)
    {
        _lateness = new long[expected];
        _count = 0;
        _allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static void Record(long scheduledUtcTicks)
    {
        long late = HarnessClock.UtcTicksNow() - scheduledUtcTicks;
        var lateness = _lateness;
        int slot = Interlocked.Increment(ref _count) - 1;
        if (slot < lateness.Length)
            lateness[slot] = late;
        if (slot == lateness.Length - 1)
            _allStarted.TrySetResult();
    }

    /// <summary>True once every expected job has started; false if <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> WaitAllAsync(TimeSpan timeout)
    {
        var allStarted = _allStarted.Task;
        return await Task.WhenAny(allStarted, Task.Delay(timeout)) == allStarted;
    }

    public static int Count => Math.Min(Volatile.Read(ref _count), _lateness.Length);

    /// <summary>Start minus due instant of every recorded start, in ticks, ascending.</summary>
    public static long[] SortedLateness() => Stats.Sorted(_lateness.AsSpan(0, Count));
}
