using System.Text;

namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>The targets our scheduler is held to (from the issue), judged on the medians; missing or doubled cron fires fail in any run.</summary>
internal static class Targets
{
    public static string Render(Results results, LoadOptions options)
    {
        var burst = results.Burst["ours"];
        var spread = results.Spread["ours"];
        var cron = results.Cron["ours"];
        double dispatch = Stats.Median(burst.Select(r => r.DispatchPerSecond));
        double registration = Stats.Median(burst.Select(r => r.RegistrationPerSecond));
        double bytes = Stats.Median(burst.Select(r => r.BytesPerJob));
        double spreadP99 = Stats.Median(spread.Select(r => r.P99Ms));
        double cronP99 = Stats.Median(cron.Select(r => r.P99Ms));
        bool everyFire = cron.All(r => r.Observed == r.Expected);
        bool noneDoubled = cron.All(r => r.Duplicates == 0);

        var text = new StringBuilder();
        text.AppendLine(options.IsQuick ? "targets (ours; --quick uses smaller counts, so this is only a smoke check):" : "targets (ours):");
        Line(text, dispatch >= 2_000_000, $"burst dispatch >= 2,000,000 jobs/s: {dispatch:N0}");
        Line(text, registration >= 2_000_000, $"registration >= 2,000,000 jobs/s: {registration:N0}");
        Line(text, spreadP99 <= 1, $"spread lateness p99 <= 1 ms: {spreadP99:F3} ms");
        Line(text, cronP99 <= 2 && everyFire && noneDoubled,
            $"cron lateness p99 <= 2 ms with every fire present and none doubled: {cronP99:F3} ms, " +
            $"{(everyFire ? "all fires present" : "fires missing")}, {(noneDoubled ? "none doubled" : "duplicates seen")}");
        Line(text, bytes <= 200, $"<= 200 bytes allocated per scheduled job: {bytes:N0}");
        return text.ToString();
    }

    private static void Line(StringBuilder text, bool pass, string description) =>
        text.AppendLine($"- {(pass ? "PASS" : "FAIL")} {description}");
}
