using System.Diagnostics;

namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// The wall clock as UTC ticks, read through <see cref="Stopwatch"/>: cheap, monotonic and free of
/// allocation inside job bodies, yet comparable with the <see cref="DateTimeOffset.UtcNow"/>
/// instants both schedulers fire on, through one (UtcNow, timestamp) pair captured by <see cref="Sync"/>.
/// </summary>
internal static class HarnessClock
{
    private static Anchor _anchor = Anchor.Capture();

    /// <summary>Re-anchors; call between scenarios, while no job is running.</summary>
    public static void Sync() => _anchor = Anchor.Capture();

    public static long UtcTicksNow()
    {
        var anchor = Volatile.Read(ref _anchor);
        return anchor.UtcTicks + Stopwatch.GetElapsedTime(anchor.Timestamp).Ticks;
    }

    /// <summary>How far the monotonic clock has drifted from the wall clock since <see cref="Sync"/> (NTP slewing, a clock step).</summary>
    public static TimeSpan Drift() => TimeSpan.FromTicks(UtcTicksNow() - DateTimeOffset.UtcNow.UtcTicks);

    // One object, so a job never reads half of an old pair and half of a new one.
    private sealed record Anchor(long UtcTicks, long Timestamp)
    {
        public static Anchor Capture()
        {
            // Take the pair where the two reads are closest together, to keep the offset error tiny.
            Anchor best = null!;
            long bestGap = long.MaxValue;
            for (int i = 0; i < 5; i++)
            {
                long before = Stopwatch.GetTimestamp();
                long utc = DateTimeOffset.UtcNow.UtcTicks;
                long after = Stopwatch.GetTimestamp();
                if (after - before < bestGap)
                {
                    bestGap = after - before;
                    best = new Anchor(utc, before + (after - before) / 2);
                }
            }
            return best;
        }
    }
}
