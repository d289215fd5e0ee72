using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// A fire counts as acted on (the workflow's watermark passes it) only once its run exists in the store, so a
/// crash or a stop at any point loses no fire and doubles none: the next start creates exactly what is missing.
/// </summary>
public sealed class FireRecordingTests
{
    private const string EveryMinuteCatchupAll = """
        workflow tick {
            schedule cron "* * * * *"
            catchup all
            job a { run ``` return 1; ``` }
        }
        """;

    private static readonly DateTimeOffset[] TenMissed = Enumerable.Range(51, 10).Select(m => At("09:00:00").AddMinutes(m)).ToArray();

    [Fact]
    public async Task ACatchUpCutShortByACrashLeavesExactlyTheFiresNotYetCreatedToTheNextStart()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", EveryMinuteCatchupAll);
        await host.SeedWatermarkAsync("tick", At("09:50:00"));
        await host.StartAsync(wrapStore: s => new CrashingStore(s, creations: 4));
        // Concurrency 1: 09:51 to 09:54 are created and run one by one; the process "dies" creating 09:55, which keeps trying
        // (the fires after it wait behind it) until the host stops.
        await host.WaitForLogAsync("Fire tick at 2026-11-28T09:55:00.0000000+00:00 could not be recorded");
        Assert.Equal(At("09:54:00"), await host.Store.GetWatermarkAsync("tick"));
        await host.StopAsync();

        await host.StartAsync();
        await host.WaitForLogAsync("Catch-up tick: 6 missed fire(s) since 2026-11-28T09:54:00");
        var runs = await host.FinishedRunsAsync("tick", 10);

        Assert.Equal(TenMissed, runs.Select(r => r.ScheduledAt).Order());
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.All(runs, r => Assert.Equal(RunTrigger.Catchup, r.Trigger));
        Assert.Equal(10, host.Runner.Calls.Count); // each fire's job ran once: none was created twice
        Assert.Equal(At("10:00:00"), await host.Store.GetWatermarkAsync("tick"));
    }

    [Fact]
    public async Task ACatchUpCutShortByAStopResumesTheRunItWasInAndCreatesTheRestOnce()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", EveryMinuteCatchupAll);
        var gate = host.Runner.Gate("a");
        await host.SeedWatermarkAsync("tick", At("09:50:00"));
        await host.StartAsync();
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the 09:51 run's job to start");
        await host.StopAsync(); // grace zero: 09:51 is interrupted and stays running; 09:52 to 10:00 never started

        await host.StartAsync();
        await host.WaitForLogAsync("Resuming run tick@2026-11-28T09:51:00Z");
        await host.WaitForLogAsync("Catch-up tick: 9 missed fire(s) since 2026-11-28T09:51:00");
        gate.SetResult();
        var runs = await host.FinishedRunsAsync("tick", 10);

        Assert.Equal(TenMissed, runs.Select(r => r.ScheduledAt).Order());
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        // The interrupted attempt of 09:51 ran again (at least once); every other fire ran exactly once.
        Assert.Equal(11, host.Runner.Calls.Count);
    }

    [Fact]
    public async Task AScheduledFireWhoseRunWasNeverCreatedIsCaughtUpAtTheNextStart()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", EveryMinuteCatchupAll);
        await host.SeedWatermarkAsync("tick", At("10:00:00"));
        await host.StartAsync(wrapStore: s => new CrashingStore(s, creations: 0));

        host.Clock.SetUtcNow(At("10:01:00"));
        // The store is gone for good here: the fire keeps trying until the host stops, which gives up on it unrecorded.
        await host.WaitForLogAsync("Fire tick at 2026-11-28T10:01:00.0000000+00:00 could not be recorded");
        Assert.Equal(T0, await host.Store.GetWatermarkAsync("tick")); // where the start left it, short of 10:01
        await host.StopAsync();

        await host.StartAsync(At("10:01:30"));
        var runs = await host.FinishedRunsAsync("tick", 1);

        var run = Assert.Single(runs);
        Assert.Equal((At("10:01:00"), RunTrigger.Catchup, RunStatus.Succeeded), (run.ScheduledAt, run.Trigger, run.Status));
    }

    [Fact]
    public async Task AFireTheStoreCannotRecordForAWhileKeepsItsPlaceAndRunsOnceWhenTheStoreAnswers()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", EveryMinuteCatchupAll);
        await host.SeedWatermarkAsync("tick", At("10:00:00"));
        UnreachableForAWhile? store = null;
        await host.StartAsync(wrapStore: s => store = new UnreachableForAWhile(s, failures: 2));

        host.Clock.SetUtcNow(At("10:01:00"));
        await host.WaitForLogAsync("Fire tick at 2026-11-28T10:01:00.0000000+00:00 could not be recorded (the database is restarting); it keeps its place and tries again in 1s");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForLogAsync("tries again in 2s");
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var runs = await host.FinishedRunsAsync("tick", 1);

        var run = Assert.Single(runs);
        Assert.Equal((At("10:01:00"), RunTrigger.Schedule, RunStatus.Succeeded), (run.ScheduledAt, run.Trigger, run.Status));
        Assert.Equal(3, store!.Creates);
        Assert.Equal(At("10:01:00"), await host.Store.GetWatermarkAsync("tick"));
        Assert.Equal(0, host.Count("failed to run"));
    }

    // A store whose first creates fail as an unreachable database does, then answer.
    private sealed class UnreachableForAWhile(IStateStore inner, int failures) : State.ForwardingStore(inner)
    {
        private int _creates;

        public int Creates => Volatile.Read(ref _creates);

        public override Task<RunCreation> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, int? maxActive = null,
            CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _creates) <= failures
                ? throw new StateStoreException("the database is restarting")
                : base.TryCreateRunAsync(run, jobs, owner, lease, maxActive, cancellationToken);
    }

    [Fact]
    public async Task ARunStoppedBeforeItsRemainingJobsStartedStaysRunningAndResumesAtTheNextStart()
    {
        await using var host = new HostHarness();
        host.Write("two.flow", """
            workflow two {
                schedule cron "* * * * *"
                job a { run ``` return 1; ``` }
                job b { run ``` return 2; ``` }
                a -> b
            }
            """);
        var gate = host.Runner.Gate("a");
        await host.StartAsync();
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "job a to start");
        await host.StopAsync();

        await using (var store = await SqliteStateStore.OpenAsync(host.StatePath, TimeProvider.System))
        {
            Assert.Equal(RunStatus.Running, (await store.GetRunAsync("two@2026-11-28T10:01:00Z"))!.Status);
            Assert.All(await store.GetJobsAsync("two@2026-11-28T10:01:00Z"), j => Assert.Equal(JobStatus.Pending, j.Status));
        }

        gate.SetResult();
        await host.StartAsync(At("10:01:30"));
        var run = Assert.Single(await host.FinishedRunsAsync("two", 1));

        Assert.Equal(("two@2026-11-28T10:01:00Z", RunStatus.Succeeded), (run.RunId, run.Status));
        Assert.Single(host.Runner.CallsOf("b"));
    }
}
