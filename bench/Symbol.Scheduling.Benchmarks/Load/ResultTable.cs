using System.Globalization;
using System.Text;

namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>The medians over all runs as a Markdown table, one row per metric.</summary>
internal static class ResultTable
{
    public static string Render(Results results)
    {
        int expectedFires = results.Cron["ours"].FirstOrDefault()?.Expected ?? 0;
        (string Metric, (double Ours, double Quartz) Values, string Format)[] rows =
        [
            ("burst: registration (jobs/s)", Median(results.Burst, r => r.RegistrationPerSecond), "N0"),
            ("burst: dispatch, due instant to last start (jobs/s)", Median(results.Burst, r => r.DispatchPerSecond), "N0"),
            ("burst: dispatch, first to last start (jobs/s)", Median(results.Burst, r => r.FirstToLastPerSecond), "N0"),
            ("burst: drain, due instant to last start (ms)", Median(results.Burst, r => r.DrainMs), "F1"),
            ("burst: start lateness p50 (ms)", Median(results.Burst, r => r.P50Ms), "F3"),
            ("burst: start lateness p99 (ms)", Median(results.Burst, r => r.P99Ms), "F3"),
            ("burst: bytes allocated per scheduled job", Median(results.Burst, r => r.BytesPerJob), "N0"),
            ("spread: start lateness p50 (ms)", Median(results.Spread, r => r.P50Ms), "F3"),
            ("spread: start lateness p99 (ms)", Median(results.Spread, r => r.P99Ms), "F3"),
            ("spread: start lateness max (ms)", Median(results.Spread, r => r.MaxMs), "F3"),
            ($"cron: fires observed (of {expectedFires:N0} expected)", Median(results.Cron, r => r.Observed), "N0"),
            ("cron: duplicate fires", Median(results.Cron, r => r.Duplicates), "N0"),
            ("cron: start lateness p99 (ms)", Median(results.Cron, r => r.P99Ms), "F3"),
        ];

        var table = new StringBuilder();
        table.AppendLine("| metric (median of runs) | ours | Quartz | ratio ours/Quartz |");
        table.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (metric, (ours, quartz), format) in rows)
            table.AppendLine($"| {metric} | {Format(ours, format)} | {Format(quartz, format)} | {Ratio(ours, quartz)} |");
        return table.ToString();
    }

    private static (double Ours, double Quartz) Median<T>(Dictionary<string, List<T>> byContender, Func<T, double> metric) =>
        (Stats.Median(byContender["ours"].Select(metric)), Stats.Median(byContender["Quartz"].Select(metric)));

    private static string Format(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ratio(double ours, double quartz) =>
        quartz == 0 || double.IsNaN(ours) || double.IsNaN(quartz) ? "–" : (ours / quartz).ToString("0.###", CultureInfo.InvariantCulture);
}
