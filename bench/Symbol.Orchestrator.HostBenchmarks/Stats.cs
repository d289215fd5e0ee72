using System.Globalization;

namespace Symbol.Orchestrator.HostBenchmarks;

internal static class Stats
{
    /// <summary>Nearest-rank percentile (p in 0..100) of the values; NaN for none.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Least-squares slope of y over x.</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
            return double.NaN;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var den = points.Sum(p => (p.X - mx) * (p.X - mx));
        return den == 0 ? double.NaN : points.Sum(p => (p.X - mx) * (p.Y - my)) / den;
    }

    public static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Ms(TimeSpan value) => Ms(value.TotalMilliseconds);
}
