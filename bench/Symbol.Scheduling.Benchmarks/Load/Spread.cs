namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>One-shot jobs due at even intervals: how late each starts when the scheduler is never backlogged.</summary>
internal static class Spread
{
    public static async Task<SpreadResult> RunAsync(IContender contender, int jobs, TimeSpan over, TimeSpan lead)
    {
        OneShotLog.Reset(jobs);
        await contender.StartAsync();
        HarnessClock.Sync();

        var first = DateTimeOffset.UtcNow + lead;
        long step = over.Ticks / jobs;
        for (int i = 0; i < jobs; i++)
            await contender.AddOneShotAsync(first.AddTicks(i * step));
        bool addedBeforeDue = DateTimeOffset.UtcNow < first;

        bool allStarted = await OneShotLog.WaitAllAsync(lead + over + TimeSpan.FromSeconds(30));
        var drift = HarnessClock.Drift();
        await contender.StopAsync();

        var lateness = OneShotLog.SortedLateness();
        var warnings = new List<string>();
        if (!addedBeforeDue)
            warnings.Add("adding took longer than the lead before the first due instant");
        if (!allStarted)
            warnings.Add($"only {lateness.Length} of {jobs} jobs started");
        if (drift.Duration() > TimeSpan.FromMilliseconds(0.1))
            warnings.Add($"monotonic clock drifted {drift.TotalMilliseconds:F3} ms from the wall clock");
        return new SpreadResult(
            P50Ms: Stats.Milliseconds(Stats.Percentile(lateness, 50)),
            P99Ms: Stats.Milliseconds(Stats.Percentile(lateness, 99)),
            MaxMs: Stats.Milliseconds(Stats.Percentile(lateness, 100)),
            Warnings: warnings);
    }
}

internal sealed record SpreadResult(double P50Ms, double P99Ms, double MaxMs, IReadOnlyList<string> Warnings)
{
    public override string ToString() => $"lateness p50 {P50Ms:F3} ms p99 {P99Ms:F3} ms max {MaxMs:F3} ms" + Warning.Format(Warnings);
}
