using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>The trace context a run is recorded with (docs/telemetry.md): what a resume, a retry, a takeover or a taker continues.</summary>
public abstract partial class StateStoreContractTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [StoreFact]
    public async Task ARunsTraceContextIsKeptThroughReadsClaimsAndTakeovers()
    {
        var run = NewRun("traced", T0) with { TraceParent = TraceParent };
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(run, ["a"], "host-a", Lease));
        var untraced = NewRun("untraced", T0);
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(untraced, ["a"], "host-a", Lease));

        Assert.Equal(TraceParent, (await Store.GetRunAsync(run.RunId))!.TraceParent);
        Assert.Null((await Store.GetRunAsync(untraced.RunId))!.TraceParent);
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = await Store.ClaimExpiredRunsAsync("host-b", Lease, 10);
        Assert.Equal(TraceParent, Assert.Single(taken, t => t.Run.RunId == run.RunId).Run.TraceParent);
        Assert.Null(Assert.Single(taken, t => t.Run.RunId == untraced.RunId).Run.TraceParent);
    }

    [StoreFact]
    public async Task AQueuedRunsTraceContextIsKeptForItsTaker()
    {
        var queued = NewRun("traced", T0, RunStatus.Pending, trigger: RunTrigger.Backfill) with { TraceParent = TraceParent };
        Assert.Equal([queued.RunId], await Store.EnqueueRunsAsync([new NewRun(queued, ["a"])]));

        Assert.Equal(TraceParent, Assert.Single(await Store.ListQueuedRunsAsync(null, 10)).TraceParent);
    }
}
