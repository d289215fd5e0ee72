using System.Diagnostics;

namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// Many one-shot no-op jobs all due at one instant, far enough ahead that every job is added first:
/// how fast jobs are added, how fast a backlog of due jobs is started, and what each job costs in memory.
/// </summary>
internal static class Burst
{
    public static async Task<BurstResult> RunAsync(IContender contender, int jobs, TimeSpan lead)
    {
        OneShotLog.Reset(jobs);
        await contender.StartAsync();
        HarnessClock.Sync();

        long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var due = DateTimeOffset.UtcNow + lead;
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < jobs; i++)
            await contender.AddOneShotAsync(due);
        var registration = Stopwatch.GetElapsedTime(started);
        bool addedBeforeDue = DateTimeOffset.UtcNow < due;

        bool allStarted = await OneShotLog.WaitAllAsync(lead + TimeSpan.FromSeconds(60));
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        var drift = HarnessClock.Drift();
        await contender.StopAsync();

        var lateness = OneShotLog.SortedLateness();
        var warnings = new List<string>();
        if (!addedBeforeDue)
            warnings.Add($"adding took {registration.TotalSeconds:F2} s, past the due instant");
        if (!allStarted)
            warnings.Add($"only {lateness.Length} of {jobs} jobs started");
        if (drift.Duration() > TimeSpan.FromMilliseconds(0.1))
            warnings.Add($"monotonic clock drifted {drift.TotalMilliseconds:F3} ms from the wall clock");

        // The last start is the largest lateness; all jobs were due at the same instant.
        double lastStartSeconds = lateness.Length == 0 ? double.NaN : (double)lateness[^1] / TimeSpan.TicksPerSecond;
        double firstToLastSeconds = lateness.Length < 2 ? double.NaN : (double)(lateness[^1] - lateness[0]) / TimeSpan.TicksPerSecond;
        return new BurstResult(
            RegistrationPerSecond: jobs / registration.TotalSeconds,
            DispatchPerSecond: allStarted ? jobs / lastStartSeconds : double.NaN,
            FirstToLastPerSecond: allStarted ? jobs / firstToLastSeconds : double.NaN,
            DrainMs: allStarted ? lastStartSeconds * 1000 : double.NaN,
            P50Ms: Stats.Milliseconds(Stats.Percentile(lateness, 50)),
            P99Ms: Stats.Milliseconds(Stats.Percentile(lateness, 99)),
            BytesPerJob: (double)bytes / jobs,
            Warnings: warnings);
    }
}

internal sealed record BurstResult(double RegistrationPerSecond, double DispatchPerSecond, double FirstToLastPerSecond, double DrainMs, double P50Ms, double P99Ms, double BytesPerJob, IReadOnlyList<string> Warnings)
{
    public override string ToString() =>
        $"registration {RegistrationPerSecond:N0}/s, dispatch {DispatchPerSecond:N0}/s (first to last start {FirstToLastPerSecond:N0}/s), drain {DrainMs:F1} ms, lateness p50 {P50Ms:F3} ms p99 {P99Ms:F3} ms, {BytesPerJob:N0} B/job"
        + Warning.Format(Warnings);
}
