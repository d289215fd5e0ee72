using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// A running host sweeps for expired leases every half lease (30 s by default: every 15 s) and resumes the runs it takes
/// over as after a restart, while it goes on firing its own schedule; its own runs it never sweeps.
/// </summary>
public sealed class ExpiredLeaseSweepTests
{
    private static readonly TimeSpan Lease = ExecutorOptions.Default.Lease;

    private const string Flows = """
        workflow tick {
            schedule cron "* * * * * *"
            catchup none
            job beat { run ``` return 1; ``` }
        }

        workflow etl {
            job ingest { run ``` return 1; ``` }
            job load { run ``` return 2; ``` }
            ingest -> load
        }
        """;

    [Fact]
    public async Task ARunLeftByAnotherHostIsResumedWithinHalfALeaseOfItsExpiryWhileTheHostKeepsFiring()
    {
        await using var host = new HostHarness();
        host.Write("flows.flow", Flows);
        await host.StartAsync();
        // Another host created a run and died at once: its lease runs out 30 s from now, and nobody renews it.
        var left = (await OtherOwner(host, "box:7").CreateAsync(Etl(host), RunTrigger.Manual, T0)).Run;
        var expiry = T0 + Lease;

        var takenAt = await StepUntilAsync(host, () => host.Logs.Any($"Took over run {left.RunId}"), T0 + 3 * Lease);

        Assert.True(takenAt >= expiry && takenAt <= expiry + Lease / 2 + StoreWatch.Interval, $"taken at {takenAt:O}\n" + string.Join("\n", host.Logs.Lines().Where(l => l.Contains("Took over", StringComparison.Ordinal))));
        Assert.True(host.Logs.Any($"Took over run {left.RunId} from box:7: its lease expired at {expiry:O}"), string.Join("\n", host.Logs.Lines()));
        var finished = (await host.FinishedRunsAsync("etl", 1)).Single();
        // Claimed twice since its creation: by the sweep, then by the executor that resumed it.
        Assert.Equal((RunStatus.Succeeded, "test-host", 3L), (finished.Status, finished.LeaseOwner!, finished.LeaseToken));
        Assert.All(await host.Store.GetAttemptsAsync(left.RunId), a => Assert.Equal("test-host", a.Owner));
        // The schedule went on all along: every second of the wait was acted on (run, or skipped while the last beat ran).
        await Wait.UntilAsync(() => host.Store.GetWatermarkAsync("tick").GetAwaiter().GetResult() >= takenAt.AddSeconds(-1), "the beats up to the takeover acted on");
    }

    [Fact]
    public async Task AHostNeverSweepsARunOfItsOwnEvenWithItsLeaseRunOut()
    {
        await using var host = new HostHarness();
        host.Write("flows.flow", Flows);
        await host.StartAsync();
        // Its own name on a run whose lease it does not renew (an executor of the same Owner that gave up on it).
        var own = (await OtherOwner(host, "test-host").CreateAsync(Etl(host), RunTrigger.Manual, T0)).Run;

        await StepUntilAsync(host, () => false, T0 + 3 * Lease);

        Assert.False(host.Logs.Any("Took over run"), string.Join("\n", host.Logs.Lines()));
        var run = (await host.Store.GetRunAsync(own.RunId))!;
        Assert.Equal((RunStatus.Running, "test-host", 1L), (run.Status, run.LeaseOwner!, run.LeaseToken));
        Assert.Empty(await host.Store.GetAttemptsAsync(own.RunId));
    }

    private static RunExecutor OtherOwner(HostHarness host, string owner) =>
        new(host.Store, host.Runner, host.Clock, new ExecutorOptions { Owner = owner, Lease = Lease });

    private static WorkflowDefinition Etl(HostHarness host) =>
        FlowCompiler.Compile([host.Workflows], new CompileOptions(TimeZoneInfo.Utc, T0)).FindWorkflow("etl")!;

    /// <summary>
    /// Moves the clock a store-watch tick at a time, reading the store at each as the watch does (here, so that each tick
    /// is done before the next), until <paramref name="done"/> or <paramref name="until"/>; returns the clock then.
    /// </summary>
    private static async Task<DateTimeOffset> StepUntilAsync(HostHarness host, Func<bool> done, DateTimeOffset until)
    {
        while (!done() && host.Clock.GetUtcNow() < until)
        {
            host.Clock.Advance(StoreWatch.Interval);
            await host.PollStoreAsync();
        }
        return host.Clock.GetUtcNow();
    }
}
