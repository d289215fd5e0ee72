using Microsoft.Extensions.Logging;

namespace Symbol.Scheduling.Tests;

public class SchedulerTests
{
    private static readonly DateTimeOffset T0 = SchedulerHarness.Start;

    [Fact]
    public void ManyJobs_RunInDueOrder_EachAtItsInstant()
    {
        using var h = new SchedulerHarness();
        var random = new Random(42);
        var dues = Enumerable.Range(0, 300).Select(i => (Name: $"job{i}", Due: T0.AddSeconds(random.Next(1, 3600)))).ToArray();
        foreach (var (name, due) in dues)
            h.Add(name, due);

        h.RunUntil(T0.AddHours(2));

        var runs = h.Runs.ToArray();
        Assert.Equal(300, runs.Length);
        Assert.All(runs, r => Assert.Equal(r.ScheduledAt, r.StartedAt));
        Assert.All(runs, r => Assert.Equal(dues.Single(d => d.Name == r.Job).Due, r.ScheduledAt));
        Assert.Equal(runs.Select(r => r.ScheduledAt).Order(), runs.Select(r => r.ScheduledAt));
    }

    [Fact]
    public void EqualDueTimes_AllRunAtThatInstant_AndQueueInTheOrderAdded()
    {
        using var h = new SchedulerHarness();
        var due = T0.AddSeconds(30);
        var names = Enumerable.Range(0, 50).Select(i => $"same{i}").ToArray();
        foreach (var name in names)
            h.Add(name, due);

        Assert.Equal(names, h.Scheduler.Jobs.Select(j => j.Name));
        h.RunUntil(due);

        Assert.Equal(names.Order(), h.Names.Order());
        Assert.All(h.Runs, r => Assert.Equal(due, r.StartedAt));
    }

    [Fact]
    public void AddingAJobEarlierThanTheHead_WakesTheSleepingLoop()
    {
        using var h = new SchedulerHarness();
        h.Add("late", T0.AddHours(1));
        h.Scheduler.Start();
        h.Settle(); // asleep until the late job

        h.Add("early", T0.AddSeconds(5));
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        h.Settle();

        var run = Assert.Single(h.Runs);
        Assert.Equal(("early", T0.AddSeconds(5)), (run.Job, run.StartedAt));
    }

    [Fact]
    public void OneOff_RunsOnce_AndThenHasNoNextRun()
    {
        using var h = new SchedulerHarness();
        var job = h.Add("once", T0.AddSeconds(5));
        Assert.Equal(T0.AddSeconds(5), job.NextRun);

        h.RunUntil(T0.AddDays(2));

        Assert.Single(h.Runs);
        Assert.Null(job.NextRun);
        Assert.Equal(T0.AddSeconds(5), job.LastRun);
        Assert.Equal(0, h.Scheduler.PendingCount);
    }

    [Fact]
    public void OneOffInThePast_RunsOnceRightAway()
    {
        using var h = new SchedulerHarness();
        h.Add("overdue", T0.AddSeconds(-10));
        h.RunUntil(T0);
        var run = Assert.Single(h.Runs);
        Assert.Equal((T0.AddSeconds(-10), T0), (run.ScheduledAt, run.StartedAt));
    }

    [Fact]
    public void Cron_InBerlin_RecursAcrossBothDstChangesOf2027()
    {
        using var h = new SchedulerHarness(new DateTimeOffset(2027, 3, 26, 12, 0, 0, TimeSpan.Zero));
        h.Scheduler.AddJob(new ScheduledJob("nightly", h.Recorder("nightly"), Schedule.Cron("30 2 * * *", "Europe/Berlin")));

        h.RunUntil(new DateTimeOffset(2027, 11, 2, 0, 0, 0, TimeSpan.Zero));

        var berlin = TimeZones.Find("Europe/Berlin");
        var local = h.Runs.Select(r => TimeZoneInfo.ConvertTime(r.StartedAt, berlin)).ToArray();
        Assert.Equal(220, local.Length); // one a day from 03-27 to 11-01 inclusive: the repeated 02:30 of 10-31 fires once
        Assert.Contains(new DateTimeOffset(2027, 3, 28, 3, 0, 0, TimeSpan.FromHours(2)), local);   // 02:30 did not exist
        Assert.Contains(new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(2)), local); // the first 02:30
        Assert.DoesNotContain(new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(1)), local);
        Assert.All(local.Where(l => l.Date != new DateTime(2027, 3, 28)), l => Assert.Equal(new TimeSpan(2, 30, 0), l.TimeOfDay));
        Assert.All(h.Runs, r => Assert.Equal(r.ScheduledAt, r.StartedAt));
    }

    [Fact]
    public void RemovedPendingJob_NeverRuns()
    {
        using var h = new SchedulerHarness();
        var doomed = h.Add("doomed", T0.AddMinutes(1));
        h.Add("kept", T0.AddMinutes(2));
        h.Scheduler.Start();
        h.Settle();

        Assert.True(h.Scheduler.RemoveJob(doomed));
        Assert.False(h.Scheduler.RemoveJob(doomed));
        Assert.Null(doomed.NextRun);
        h.RunUntil(T0.AddMinutes(5));

        Assert.Equal(["kept"], h.Names);
    }

    [Fact]
    public void ReplacingAJob_AtTheInstantItFired_DoesNotFireThatInstantAgain()
    {
        using var h = new SchedulerHarness();
        var first = h.Add("v1", Schedule.Cron("* * * * * *"));
        h.RunUntil(T0.AddSeconds(3));
        Assert.Equal(T0.AddSeconds(3), first.LastRun);

        // A hot reload at the very instant of a fire: starting from "now" would fire 10:00:03 again.
        var second = h.Scheduler.ReplaceJob(first, new ScheduledJob("v2", h.Recorder("v2"), Schedule.Cron("* * * * * *")));
        Assert.Null(first.NextRun);
        Assert.Equal(T0.AddSeconds(4), second.NextRun);
        h.RunUntil(T0.AddSeconds(5));

        Assert.Equal(
            [("v1", T0), ("v1", T0.AddSeconds(1)), ("v1", T0.AddSeconds(2)), ("v1", T0.AddSeconds(3)), ("v2", T0.AddSeconds(4)), ("v2", T0.AddSeconds(5))],
            h.Runs.Select(r => (r.Job, r.ScheduledAt)));
    }

    [Fact]
    public void ReplacingAJob_ThatIsDueButNotYetFired_FiresThatInstant()
    {
        using var h = new SchedulerHarness();
        // The scheduler's thread is not started: 10:01 comes due, and nothing fires it.
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var first = h.Add("v1", Schedule.Every(TimeSpan.FromMinutes(1)));
        Assert.Equal(T0.AddMinutes(1), first.NextRun);
        h.Clock.Advance(TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(5));

        // A hot reload 5 ms after 10:01: starting from "now" would skip to 10:02.
        var second = h.Scheduler.ReplaceJob(first, new ScheduledJob("v2", h.Recorder("v2"), Schedule.Every(TimeSpan.FromMinutes(1))));
        Assert.Equal(T0.AddMinutes(1), second.NextRun);
        h.RunUntil(T0.AddMinutes(2) + TimeSpan.FromMilliseconds(5));

        Assert.Equal([("v2", T0.AddMinutes(1)), ("v2", T0.AddMinutes(2))], h.Runs.Select(r => (r.Job, r.ScheduledAt)));
    }

    [Fact]
    public void ReplacingAJob_WithAnotherSchedule_StartsTheNewScheduleNow()
    {
        using var h = new SchedulerHarness();
        var first = h.Add("hourly", Schedule.Cron("0 * * * *"));
        h.RunUntil(T0.AddMinutes(90));

        // Not back in the past: the new schedule starts at the reload (11:30, which it has), not at 11:00.
        h.Scheduler.ReplaceJob(first, new ScheduledJob("quarterly", h.Recorder("quarterly"), Schedule.Cron("*/15 * * * *")));
        h.RunUntil(T0.AddHours(2));

        Assert.Equal(
            [("hourly", T0), ("hourly", T0.AddHours(1)), ("quarterly", T0.AddMinutes(90)), ("quarterly", T0.AddMinutes(105)), ("quarterly", T0.AddHours(2))],
            h.Runs.Select(r => (r.Job, r.ScheduledAt)));
    }

    [Fact]
    public void ReplacingAJob_WithAOneOffAtAnInstantItAlreadyFired_DoesNotFireItAgain()
    {
        using var h = new SchedulerHarness();
        var first = h.Add("hourly", Schedule.Cron("0 * * * *"));
        h.RunUntil(T0.AddMinutes(90));

        var once = h.Scheduler.ReplaceJob(first, new ScheduledJob("once", h.Recorder("once"), T0.AddHours(1)));
        Assert.Null(once.NextRun);
        h.RunUntil(T0.AddHours(3));

        Assert.Equal([("hourly", T0), ("hourly", T0.AddHours(1))], h.Runs.Select(r => (r.Job, r.ScheduledAt)));
    }

    [Fact]
    public void SlowJob_DoesNotDelayTheOthers()
    {
        using var h = new SchedulerHarness();
        using var release = new ManualResetEventSlim();
        var slowStarted = new ManualResetEventSlim();
        h.Scheduler.AddJob(new ScheduledJob("slow", () => { slowStarted.Set(); release.Wait(TimeSpan.FromSeconds(30)); }, T0.AddSeconds(1)));
        h.Add("fast", T0.AddSeconds(2));
        h.Add("every-second", Schedule.Cron("* * * * * *"));
        h.Scheduler.Start();

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        SchedulerHarness.WaitFor(() => slowStarted.IsSet, "the slow job to start");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        SchedulerHarness.WaitFor(() => h.Names.Contains("fast"), "the fast job while the slow one blocks");
        SchedulerHarness.WaitFor(() => h.Names.Count(n => n == "every-second") == 3, "the recurring job while the slow one blocks");

        Assert.Equal(1, h.Scheduler.RunningCount);
        release.Set();
        h.Settle();
    }

    [Fact]
    public void ThrowingJob_IsLogged_AndARecurringOneKeepsItsSchedule()
    {
        using var h = new SchedulerHarness();
        int calls = 0;
        h.Scheduler.AddJob(new ScheduledJob("flaky", () => { Interlocked.Increment(ref calls); throw new InvalidOperationException("disk full"); }, "* * * * *"));
        h.Scheduler.AddJob(new ScheduledJob("async-flaky", async () => { await Task.Yield(); throw new TimeoutException("upstream slow"); }, T0.AddSeconds(30)));

        h.RunUntil(T0.AddMinutes(3));

        Assert.Equal(4, calls); // 10:00, 10:01, 10:02, 10:03
        var errors = h.Logger.Collector.GetSnapshot().Where(e => e.Level == LogLevel.Error).ToArray();
        Assert.Equal(5, errors.Length);
        Assert.Contains(errors, e => e.Message.Contains("Job flaky failed") && e.Exception?.Message == "disk full");
        Assert.Contains(errors, e => e.Message.Contains("Job async-flaky failed") && e.Exception is TimeoutException);
    }

    [Fact]
    public void RecurringJob_AdvancesFromItsScheduledInstant_NotFromWhenItFinished()
    {
        using var h = new SchedulerHarness();
        using var release = new ManualResetEventSlim();
        using var firstStarted = new ManualResetEventSlim();
        var fires = new List<DateTimeOffset>();
        h.Scheduler.AddJob(new ScheduledJob("minutely", (ScheduledFire f) =>
        {
            lock (fires) fires.Add(f.ScheduledAt);
            if (f.ScheduledAt == T0) { firstStarted.Set(); release.Wait(TimeSpan.FromSeconds(30)); }
        }, Schedule.Cron("* * * * *")));
        h.Scheduler.Start();
        SchedulerHarness.WaitFor(() => firstStarted.IsSet, "the first fire");

        h.Clock.Advance(TimeSpan.FromSeconds(59.5)); // the first fire is still running
        release.Set();
        h.Clock.Advance(TimeSpan.FromSeconds(0.5));
        h.Settle();

        Assert.Equal([T0, T0.AddMinutes(1)], fires);
        Assert.Equal(T0.AddMinutes(2), h.Scheduler.Jobs.Single().NextRun);
    }

    [Fact]
    public void LateWakeUp_WithinTheMisfireThreshold_RunsEveryFireWithItsOwnScheduledInstant()
    {
        using var h = new SchedulerHarness();
        h.Add("tick", Schedule.Cron("*/10 * * * * *"));
        h.Scheduler.Start();
        h.Settle();

        h.Clock.Advance(TimeSpan.FromSeconds(35)); // one jump: the loop wakes late
        h.Settle();

        Assert.Equal([T0, T0.AddSeconds(10), T0.AddSeconds(20), T0.AddSeconds(30)], h.Runs.Select(r => r.ScheduledAt).Order());
    }

    [Theory]
    [InlineData(MissedRunPolicy.RunOnce, 1)]
    [InlineData(MissedRunPolicy.Skip, 0)]
    public void FiresMissedBeyondTheThreshold_FollowThePolicy_AndTheScheduleResumesFromNow(MissedRunPolicy policy, int catchUpRuns)
    {
        using var h = new SchedulerHarness(options: new SchedulerOptions { MissedRuns = policy, MisfireThreshold = TimeSpan.FromSeconds(30) });
        h.Add("minutely", Schedule.Cron("* * * * *"));
        h.RunUntil(T0); // the 10:00 fire
        h.Clock.Advance(TimeSpan.FromMinutes(10.5)); // asleep through 10 fires, say the machine was suspended
        h.Settle();

        Assert.Equal(1 + catchUpRuns, h.Runs.Count);
        Assert.Equal(T0.AddMinutes(11), h.Scheduler.Jobs.Single().NextRun);
        Assert.Contains(h.Logger.Collector.GetSnapshot(), e => e.Message.Contains("missed its fire at"));
    }

    [Fact]
    public async Task Stop_WaitsForRunningJobs_ThenReturnsTrue()
    {
        using var h = new SchedulerHarness();
        var release = new TaskCompletionSource();
        h.Scheduler.AddJob(new ScheduledJob("busy", () => release.Task, T0.AddSeconds(1)));
        h.Add("after-stop", T0.AddSeconds(2));
        h.Scheduler.Start();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        SchedulerHarness.WaitFor(() => h.Scheduler.RunningCount == 1, "the job to start");

        var stopping = h.Scheduler.StopAsync(TimeSpan.FromSeconds(10));
        Assert.False(stopping.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        release.SetResult();

        Assert.True(await stopping.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Empty(h.Runs); // the job due after the stop never ran
        Assert.Throws<ObjectDisposedException>(() => h.Add("late", T0.AddSeconds(9)));
    }

    [Fact]
    public async Task Stop_CancelsJobsStillRunningWhenItsBoundRunsOut()
    {
        using var h = new SchedulerHarness();
        var sawCancellation = new TaskCompletionSource<bool>();
        h.Scheduler.AddJob(new ScheduledJob("stubborn", async (CancellationToken token) =>
        {
            try { await Task.Delay(Timeout.Infinite, token); }
            catch (OperationCanceledException) { sawCancellation.SetResult(true); throw; }
        }, T0.AddSeconds(1)));
        h.Scheduler.Start();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        SchedulerHarness.WaitFor(() => h.Scheduler.RunningCount == 1, "the job to start");

        var stopping = h.Scheduler.StopAsync(TimeSpan.FromSeconds(10));
        h.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.False(await stopping.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(await sawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(h.Logger.Collector.GetSnapshot(), e => e.Message.Contains("still running after"));
        Assert.DoesNotContain(h.Logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Arguments_PositionalAndNamed_ReachTheCallable_WithDefaultsAndInjectedContext()
    {
        using var h = new SchedulerHarness();
        var received = new TaskCompletionSource<string>();
        void Report(string region, int batch, ScheduledFire fire, string format = "csv") =>
            received.SetResult($"{region}/{batch}/{format}/{fire.Job.Name}@{fire.ScheduledAt:HH:mm:ss}");

        h.Scheduler.AddJob(new ScheduledJob("report", Report, T0.AddSeconds(5), args: ["eu"], namedArgs: new Dictionary<string, object?> { ["batch"] = 500 }));
        h.RunUntil(T0.AddSeconds(5));

        Assert.Equal("eu/500/csv/report@10:00:05", await received.Task.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Theory]
    [InlineData(new object[] { "eu", 1, 2 }, null, "takes 2 positional argument(s) but 3 were given")]
    [InlineData(new object[] { "eu" }, null, "no value for parameter 'batch'")]
    [InlineData(new object[] { "eu", 1 }, "colour", "has no parameter 'colour'")]
    [InlineData(new object[] { "eu", "many" }, null, "parameter 'batch'")]
    public void Arguments_ThatDoNotFit_FailAtConstruction_NamingTheJob(object[] args, string? namedArg, string fragment)
    {
        Action<string, int> callable = (region, batch) => { };
        var named = namedArg is null ? null : new Dictionary<string, object?> { [namedArg] = 1 };
        var error = Assert.Throws<ArgumentException>(() => new ScheduledJob("report", callable, T0, args, named));
        Assert.Contains("job 'report'", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void AddJobs_SchedulesABatch_InTheOrderGiven()
    {
        using var h = new SchedulerHarness();
        var jobs = Enumerable.Range(0, 1000).Select(i => new ScheduledJob($"batch{i}", h.Recorder($"batch{i}"), T0.AddSeconds(i % 10))).ToArray();
        h.Scheduler.AddJobs(jobs);
        Assert.Equal(1000, h.Scheduler.PendingCount);
        Assert.Equal(jobs.OrderBy(j => j.NextRun).Select(j => j.Name), h.Scheduler.Jobs.Select(j => j.Name)); // a stable order: equal dues keep the batch's order

        h.RunUntil(T0.AddSeconds(10));

        Assert.Equal(1000, h.Runs.Count);
        Assert.All(h.Runs, r => Assert.Equal(r.ScheduledAt, r.StartedAt));
    }

    [Fact]
    public void AJobCannotBeScheduledTwice()
    {
        using var h = new SchedulerHarness();
        var job = h.Add("once", T0.AddMinutes(1));
        Assert.Throws<InvalidOperationException>(() => h.Scheduler.AddJob(job));
        using var other = new Scheduler();
        Assert.Throws<InvalidOperationException>(() => other.AddJob(job));
    }
}
