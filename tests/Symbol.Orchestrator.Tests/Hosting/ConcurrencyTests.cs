using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// <c>concurrency</c> counts every active run of a workflow on the host (resumed ones too, across reloads that
/// change the bound), and a fire waiting for a slot is never recorded until it starts.
/// </summary>
public sealed class ConcurrencyTests
{
    private static string Flow(int concurrency, string overlap, string catchup = "none") => $$"""
        workflow slow {
            schedule cron "* * * * *"
            concurrency {{concurrency}}
            overlap {{overlap}}
            catchup {{catchup}}
            job hold { run ``` return 1; ``` }
        }
        """;

    /// <summary>A run of 10:01 is left running by a stop, and the host starts again at 10:01:30 and resumes it.</summary>
    private static async Task<TaskCompletionSource> ResumedRunHeldAsync(HostHarness host, string overlap)
    {
        host.Write("slow.flow", Flow(1, overlap));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync();
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the 10:01 run's job to start");
        await host.StopAsync();
        await host.StartAsync(At("10:01:30"));
        await host.WaitForLogAsync("Resuming run slow@2026-11-28T10:01:00Z");
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the resumed run's job to start");
        return gate;
    }

    [Fact]
    public async Task AResumedRunCountsAgainstConcurrencySoTheNextFireIsSkippedWithOverlapSkip()
    {
        await using var host = new HostHarness();
        var gate = await ResumedRunHeldAsync(host, "skip");

        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Skipped slow at 2026-11-28T10:02:00.0000000+00:00: 1 run(s) active, concurrency 1");
        gate.SetResult();
        var runs = await host.FinishedRunsAsync("slow", 1);

        Assert.Equal([At("10:01:00")], runs.Select(r => r.ScheduledAt));
        Assert.Equal(1, host.Runner.MaxRunning);
    }

    [Fact]
    public async Task AResumedRunCountsAgainstConcurrencySoTheNextFireWaitsForItWithOverlapQueue()
    {
        await using var host = new HostHarness();
        var gate = await ResumedRunHeldAsync(host, "queue");

        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Queued slow at 2026-11-28T10:02:00.0000000+00:00 (schedule): 1 run(s) active, concurrency 1");
        Assert.Single(await host.RunsAsync("slow"));
        gate.SetResult();
        var runs = await host.FinishedRunsAsync("slow", 2);

        Assert.Equal([At("10:01:00"), At("10:02:00")], runs.Select(r => r.ScheduledAt).Order());
        Assert.Equal(1, host.Runner.MaxRunning);
    }

    [Fact]
    public async Task AReloadThatChangesConcurrencyKeepsCountingTheActiveRunsAgainstTheNewBound()
    {
        await using var host = new HostHarness();
        var path = host.Write("slow.flow", Flow(2, "skip"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync();
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the 10:01 run's job to start");
        host.Clock.SetUtcNow(At("10:02:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 2, "the 10:02 run's job to start");

        // Raised to 3: one more run fits beside the two active ones, and no more. (Reloads happen between
        // fires, so each step below is one fire or one reload.)
        host.Clock.SetUtcNow(At("10:02:30"));
        File.WriteAllText(path, Flow(3, "skip"));
        await host.ReloadAsync();
        host.Clock.SetUtcNow(At("10:03:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 3, "the 10:03 run's job to start");
        host.Clock.SetUtcNow(At("10:04:00"));
        await host.WaitForLogAsync("Skipped slow at 2026-11-28T10:04:00.0000000+00:00: 3 run(s) active, concurrency 3");

        // Lowered to 1: three active runs are over the bound, so nothing starts until they have ended.
        host.Clock.SetUtcNow(At("10:04:30"));
        File.WriteAllText(path, Flow(1, "skip"));
        await host.ReloadAsync();
        host.Clock.SetUtcNow(At("10:05:00"));
        await host.WaitForLogAsync("Skipped slow at 2026-11-28T10:05:00.0000000+00:00: 3 run(s) active, concurrency 1");
        gate.SetResult();
        // Ended, not only finished in the store: a run gives its place back after its end is recorded.
        await Wait.UntilAsync(() => host.Logs.Lines().Count(l => l.Contains(" of slow ended")) == 3, "the three runs to end");
        host.Clock.SetUtcNow(At("10:06:00"));
        var runs = await host.FinishedRunsAsync("slow", 4);

        Assert.Equal([At("10:01:00"), At("10:02:00"), At("10:03:00"), At("10:06:00")], runs.Select(r => r.ScheduledAt).Order());
        Assert.Equal(3, host.Runner.MaxRunning);
    }

    [Fact]
    public async Task AQueuedFireOfAWorkflowRemovedByAReloadIsDroppedAndNeverRecorded()
    {
        await using var host = new HostHarness();
        var path = host.Write("slow.flow", Flow(1, "queue"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync();
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the 10:01 run's job to start");
        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Queued slow at 2026-11-28T10:02:00");

        File.Delete(path);
        await host.ReloadAsync();
        await host.WaitForLogAsync("Dropped slow at 2026-11-28T10:02:00.0000000+00:00 (schedule)");
        gate.SetResult();
        await host.WaitForLogAsync("Run slow@2026-11-28T10:01:00Z of slow ended succeeded");

        // The slot the 10:01 run let go of has nobody waiting for it: the store only ever holds 10:01.
        var run = Assert.Single(await host.RunsAsync("slow"));
        Assert.Equal((At("10:01:00"), RunStatus.Succeeded), (run.ScheduledAt, run.Status));
        Assert.Single(host.Runner.Calls);
        Assert.Equal(At("10:01:00"), await host.Store.GetWatermarkAsync("slow"));
    }

    [Fact]
    public async Task AQueuedFireStillWaitingAtShutdownStartsNoRunAndIsCaughtUpAtTheNextStart()
    {
        await using var host = new HostHarness();
        host.Write("slow.flow", Flow(1, "queue", catchup: "all"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync(grace: TimeSpan.FromMinutes(1));
        try
        {
            host.Clock.SetUtcNow(At("10:01:00"));
            await Wait.UntilAsync(() => host.Runner.Running == 1, "the 10:01 run's job to start");
            host.Clock.SetUtcNow(At("10:02:00"));
            await host.WaitForLogAsync("Queued slow at 2026-11-28T10:02:00");

            // The running run finishes within the grace period; the queued fire must not start a run while stopping.
            var stopping = host.StopAsync();
            await host.WaitForLogAsync("Dropped slow at 2026-11-28T10:02:00.0000000+00:00 (schedule)");
            gate.SetResult();
            await stopping;
        }
        finally
        {
            // The grace period is on the fake clock: only the run ending lets a stop finish, even after a failure.
            gate.TrySetResult();
        }
        await using (var store = await SqliteStateStore.OpenAsync(host.StatePath, TimeProvider.System))
        {
            Assert.Equal([At("10:01:00")], (await store.ListRunsAsync("slow", 10)).Select(r => r.ScheduledAt));
            Assert.Equal(At("10:01:00"), await store.GetWatermarkAsync("slow"));
        }

        await host.StartAsync(At("10:02:30"));
        var runs = await host.FinishedRunsAsync("slow", 2);

        Assert.Equal([At("10:01:00"), At("10:02:00")], runs.Select(r => r.ScheduledAt).Order());
        Assert.Equal(RunTrigger.Catchup, runs.Single(r => r.ScheduledAt == At("10:02:00")).Trigger);
    }
}
