namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// Many jobs on an every-second cron schedule, observed over whole seconds that start after every
/// job was added: is every fire there, is any doubled, and how late do they start.
/// </summary>
internal static class CronLoad
{
    // Fires of the last observed second may start late; wait this long for them before stopping.
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    public static async Task<CronResult> RunAsync(IContender contender, int jobs, int seconds)
    {
        await contender.StartAsync();
        HarnessClock.Sync();

        // The window opens on the second boundary after the next one, so that every job has been
        // added, and has fired at least once, before it.
        var now = DateTimeOffset.UtcNow;
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(2);
        CronLog.Reset(jobs, seconds, windowStart);
        for (int i = 0; i < jobs; i++)
            await contender.AddEverySecondAsync(i);
        bool addedBeforeWindow = DateTimeOffset.UtcNow < windowStart.AddSeconds(-1);

        var stopAt = windowStart.AddSeconds(seconds) + Grace;
        await Task.Delay(stopAt - DateTimeOffset.UtcNow);
        var drift = HarnessClock.Drift();
        await contender.StopAsync();

        var warnings = new List<string>();
        if (!addedBeforeWindow)
            warnings.Add("adding the jobs took so long that some may have missed their first observed fire");
        if (drift.Duration() > TimeSpan.FromMilliseconds(0.1))
            warnings.Add($"monotonic clock drifted {drift.TotalMilliseconds:F3} ms from the wall clock");
        return CronLog.Summarize(warnings);
    }
}
