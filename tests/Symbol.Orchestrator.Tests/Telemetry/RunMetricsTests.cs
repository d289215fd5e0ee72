using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;
using Symbol.Orchestrator.Tests.Execution;
using static Symbol.Orchestrator.Telemetry.OrchestratorMetrics.Names;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Telemetry;

/// <summary>Runs and jobs as the meter counts them, however a run ends. Each test's workflow has a name of its own.</summary>
public sealed class RunMetricsTests : IAsyncLifetime
{
    private readonly MeasurementCapture _measured = new();
    private ExecutorHarness _h = null!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        _measured.Dispose();
    }

    private static (string, object) Workflow(string name) => (TelemetryTags.Workflow, name);

    private static (string, object) JobStatusIs(string status) => (TelemetryTags.JobStatus, status);

    [Fact]
    public async Task AFailedRunCountsItsJobsByStatusTheirDurationsAndLeavesNoActiveRun()
    {
        var flow = Flow("""workflow metered_failure { job a { run ```1``` } job b { run ```1``` } job c { run ```1``` } a -> b -> c }""");
        _h.Runner.On("a", (c, _) =>
        {
            _h.Time.Advance(TimeSpan.FromSeconds(3)); // the attempt takes three seconds on the fake clock
            return Task.FromResult(ScriptedRunner.Ok(c));
        });
        _h.Runner.FailFirst("b", 1);

        var run = (await _h.Executor().StartAsync(flow, RunTrigger.Manual, T0))!;

        var name = Workflow("metered_failure");
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal((1, 1, 1), (_measured.Sum(Jobs, name, JobStatusIs("succeeded")), _measured.Sum(Jobs, name, JobStatusIs("failed")),
            _measured.Sum(Jobs, name, JobStatusIs("skipped"))));
        Assert.Equal([3.0], _measured.Of(JobDuration, name, JobStatusIs("succeeded")).Select(m => m.Value));
        Assert.Single(_measured.Of(JobDuration, name, JobStatusIs("failed")));
        Assert.Equal(1, _measured.Sum(Runs, name, (TelemetryTags.RunStatus, "failed")));
        Assert.Equal([3.0], _measured.Of(RunDuration, name).Select(m => m.Value));
        Assert.Equal([1.0, -1.0], _measured.Of(RunsActive, name).Select(m => m.Value));
    }

    [Fact]
    public async Task ACancelledRunIsCountedCancelledAndLeavesNoActiveRun()
    {
        var flow = Flow("""workflow metered_cancel { job a { run ```1``` } job b { run ```1``` } a -> b }""");
        _h.Runner.Gate("a");
        var executor = _h.Executor();
        var run = executor.StartAsync(flow, RunTrigger.Manual, T0);
        await Wait.UntilAsync(() => _h.Runner.Running == 1, "a running");
        Assert.Equal(1, _measured.Sum(RunsActive, Workflow("metered_cancel")));

        Assert.True(executor.CancelNow(_h.Runner.CallsOf("a")[0].RunId));

        Assert.Equal(RunStatus.Cancelled, (await run)!.Status);
        var name = Workflow("metered_cancel");
        Assert.Equal((1, 1), (_measured.Sum(Jobs, name, JobStatusIs("cancelled")), _measured.Sum(Jobs, name, JobStatusIs("skipped"))));
        Assert.Equal(1, _measured.Sum(Runs, name, (TelemetryTags.RunStatus, "cancelled")));
        Assert.Equal(0, _measured.Sum(RunsActive, name));
    }

    [Fact]
    public async Task ARunItsHostStopsUnderIsNotCountedFinishedAndLeavesNoActiveRun()
    {
        var flow = Flow("""workflow metered_stop { job a { run ```1``` } }""");
        _h.Runner.Gate("a");
        using var stop = new CancellationTokenSource();
        var run = _h.Executor().StartAsync(flow, RunTrigger.Manual, T0, cancellationToken: stop.Token);
        await Wait.UntilAsync(() => _h.Runner.Running == 1, "a running");

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var name = Workflow("metered_stop");
        Assert.Equal(0, _measured.Sum(RunsActive, name));
        Assert.Empty(_measured.Of(Runs, name));
        Assert.Empty(_measured.Of(Jobs, name));
    }

    [Fact]
    public async Task TheSqliteWritersCommitsAreMeasured()
    {
        var flow = Flow("""workflow metered_store { job a { run ```1``` } }""");

        await _h.Executor().StartAsync(flow, RunTrigger.Manual, T0);

        var commits = _measured.Of(StoreWriteDuration, (TelemetryTags.DbSystemName, "sqlite"));
        Assert.NotEmpty(commits);
        Assert.All(commits, c => Assert.True(c.Value >= 0));
    }
}
