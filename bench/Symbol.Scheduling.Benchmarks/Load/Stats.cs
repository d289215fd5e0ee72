namespace Symbol.Scheduling.Benchmarks.Load;

internal static class Stats
{
    /// <summary>Nearest-rank percentile of <paramref name="sorted"/> (ascending), in the same unit.</summary>
    public static double Percentile(ReadOnlySpan<long> sorted, double percent)
    {
        if (sorted.IsEmpty)
            return double.NaN;
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static long[] Sorted(ReadOnlySpan<long> values)
    {
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double Milliseconds(double ticks) => ticks / TimeSpan.TicksPerMillisecond;
}
