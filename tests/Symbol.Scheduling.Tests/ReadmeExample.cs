using Symbol.Scheduling;

namespace MyApp;

using Symbol = Symbol.Scheduling.Symbol;   // see "The Symbol name" below

public static class Jobs
{
    static Task Main() => RunAsync(TimeProvider.System, "schedule.json");

    /// <summary>Five minutes of firing, a save, and a restore; a test runs it on a FakeTimeProvider.</summary>
    public static async Task<IReadOnlyList<ScheduledJob>> RunAsync(TimeProvider time, string scheduleFile)
    {
        using var scheduler = new Scheduler(time);   // new Scheduler() is the real clock

        // A cron string (5 fields, or 6 with seconds first, or @daily...), in UTC unless a zone is given.
        scheduler.AddJob(new ScheduledJob("ingest", IngestData, "* * * * *", args: ["orders-api"]));
        scheduler.AddJob(new ScheduledJob("nightly", Nightly, Schedule.Cron("30 2 * * *", "Europe/Berlin")));
        // A one-off DateTimeOffset, or a Symbol whose name is an ISO 8601 instant.
        scheduler.AddJob(new ScheduledJob("transform", TransformData, time.GetUtcNow().AddSeconds(10),
            namedArgs: new Dictionary<string, object?> { ["mode"] = "normalise" }));
        scheduler.AddJob(new ScheduledJob("load", LoadData, new Symbol("2026-11-28T02:00:00+01:00")));
        // Every 15 minutes on a grid from the Unix epoch (:00, :15, :30, :45); Schedule.Union merges schedules.
        scheduler.AddJob(new ScheduledJob("poll", Poll, Schedule.Every(TimeSpan.FromMinutes(15))));

        scheduler.Start();
        await Task.Delay(TimeSpan.FromMinutes(5), time);
        await scheduler.StopAsync();            // stop firing; wait for running jobs (bounded), then cancel them
        scheduler.Save(scheduleFile);           // every job still to fire, with its next run; atomic: a temp file, then a rename

        // Later, in a new process: register the callable of every job that can be in the file, by name, then load.
        using var restored = new Scheduler(time);
        restored.Register("ingest", IngestData);
        restored.Register("nightly", Nightly);
        restored.Register("transform", TransformData);
        restored.Register("load", LoadData);
        restored.Register("poll", Poll);
        var jobs = restored.Load(scheduleFile);  // a corrupt file or an unregistered name throws ScheduleFileException; nothing is half-loaded
        return jobs;                             // restored.Start() would carry on from each job's saved next run
    }

    static void IngestData(string source) { }
    static void Nightly(CancellationToken token) { }               // a CancellationToken is supplied at each fire
    static Task TransformData(string mode) => Task.CompletedTask;
    static void LoadData(ScheduledFire fire) { }                     // so is a ScheduledFire (fire.ScheduledAt)
    static void Poll() { }
}
