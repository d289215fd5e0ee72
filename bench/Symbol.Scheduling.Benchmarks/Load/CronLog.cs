namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// Counts fires of every-second jobs per (job, scheduled second) inside an observation window, so
/// a missing fire and a doubled one both show. Preallocated and lock-free like <see cref="OneShotLog"/>.
/// </summary>
internal static class CronLog
{
    private static int _jobs;
    private static int _seconds;
    private static long _windowStartTicks;
    private static int[] _counts = [];
    private static long[] _lateness = [];

    /// <summary>Observes the whole seconds [<paramref name="windowStart"/>, + <paramref name="seconds"/>).</summary>
    public static void Reset(int jobs, int seconds, DateTimeOffset windowStart)
    {
        _counts = new int[jobs * seconds];
        _lateness = new long[jobs * seconds];
        _windowStartTicks = windowStart.UtcTicks;
        _seconds = seconds;
        _jobs = jobs;
    }

    public static void Record(int job, long scheduledUtcTicks)
    {
        long late = HarnessClock.UtcTicksNow() - scheduledUtcTicks;
        long offset = scheduledUtcTicks - Volatile.Read(ref _windowStartTicks);
        // Fires before the window (while jobs were being added) or after it are not counted.
        if (offset < 0 || offset % TimeSpan.TicksPerSecond != 0 || offset / TimeSpan.TicksPerSecond >= _seconds || (uint)job >= (uint)_jobs)
            return;
        int key = job * _seconds + (int)(offset / TimeSpan.TicksPerSecond);
        if (Interlocked.Increment(ref _counts[key]) == 1)
            _lateness[key] = late;
    }

    public static CronResult Summarize(IReadOnlyList<string> warnings)
    {
        int observed = 0, duplicates = 0;
        var lateness = new List<long>(_counts.Length);
        for (int key = 0; key < _counts.Length; key++)
        {
            int count = Volatile.Read(ref _counts[key]);
            if (count == 0)
                continue;
            observed++;
            duplicates += count - 1;
            lateness.Add(_lateness[key]);
        }
        var sorted = Stats.Sorted(lateness.ToArray());
        return new CronResult(observed, _counts.Length, duplicates, Stats.Milliseconds(Stats.Percentile(sorted, 99)), warnings);
    }
}

internal sealed record CronResult(int Observed, int Expected, int Duplicates, double P99Ms, IReadOnlyList<string> Warnings)
{
    public override string ToString() => $"fires {Observed}/{Expected}, duplicates {Duplicates}, lateness p99 {P99Ms:F3} ms" + Warning.Format(Warnings);
}
