using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;
using Symbol.Orchestrator.Tests.Hosting;
using static Symbol.Orchestrator.Telemetry.OrchestratorMetrics.Names;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Telemetry;

/// <summary>The host's fires as its meter counts them, on the fake clock. Each test's workflow has a name of its own.</summary>
public sealed class FireMetricsTests
{
    private static string Flow(string name, string overlap = "skip") => $$"""
        workflow {{name}} {
            schedule cron "* * * * *"
            concurrency 1
            overlap {{overlap}}
            job hold { run ``` return 1; ``` }
        }
        """;

    private static (string, object) Workflow(string name) => (TelemetryTags.Workflow, name);

    private static (string, object) Outcome(string outcome) => (TelemetryTags.FireOutcome, outcome);

    [Fact]
    public async Task AFireStartedAndOneSkippedByOverlapAreCountedWithTheFirstOnesLateness()
    {
        using var measured = new MeasurementCapture();
        await using var host = new HostHarness();
        host.Write("metered_skip.flow", Flow("metered_skip"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync();

        // The host sees the clock at 10:01:02.5 only: the 10:01 fire starts its run two and a half seconds late.
        host.Clock.SetUtcNow(At("10:01:02.5"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the first run's job to start");
        host.Clock.SetUtcNow(At("10:02:00"));
        await Wait.UntilAsync(() => measured.Sum(Fires, Workflow("metered_skip"), Outcome(FireOutcome.Skipped)) == 1, "the 10:02 fire counted skipped");
        gate.SetResult();
        await host.FinishedRunsAsync("metered_skip", 1);

        var name = Workflow("metered_skip");
        Assert.Equal((1, 1), (measured.Sum(Fires, name, Outcome(FireOutcome.Started), (TelemetryTags.FireTrigger, "schedule")),
            measured.Sum(Fires, name, Outcome(FireOutcome.Skipped))));
        Assert.Equal([2.5], measured.Of(FireLateness, name).Select(m => m.Value));
        await Wait.UntilAsync(() => measured.Of(RunsActive, name).Count == 2, "the run to leave the active ones");
        Assert.Equal(0, measured.Sum(RunsActive, name));
        Assert.Equal(1, measured.Sum(Runs, name, (TelemetryTags.RunStatus, "succeeded")));
    }

    [Fact]
    public async Task AFireThatWaitsForASlotIsQueuedWhileItWaitsThenStarted()
    {
        using var measured = new MeasurementCapture();
        await using var host = new HostHarness();
        host.Write("metered_queue.flow", Flow("metered_queue", "queue"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync();

        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the first run's job to start");
        host.Clock.SetUtcNow(At("10:02:00"));
        var name = Workflow("metered_queue");
        await Wait.UntilAsync(() => measured.Sum(FiresQueued, name) == 1, "the 10:02 fire waiting");
        Assert.Equal(1, measured.Sum(Fires, name, Outcome(FireOutcome.Queued)));
        Assert.Single(await host.RunsAsync("metered_queue"));
        gate.SetResult();
        await host.FinishedRunsAsync("metered_queue", 2);

        Assert.Equal(2, measured.Sum(Fires, name, Outcome(FireOutcome.Started)));
        Assert.Equal(0, measured.Sum(FiresQueued, name));
        await Wait.UntilAsync(() => measured.Sum(Runs, name) == 2, "both runs counted finished");
        await Wait.UntilAsync(() => measured.Of(RunsActive, name).Count == 4, "both runs to leave the active ones");
        Assert.Equal(0, measured.Sum(RunsActive, name));
    }

    [Fact]
    public async Task AFireOfAPausedWorkflowIsCountedPaused()
    {
        using var measured = new MeasurementCapture();
        await using var host = new HostHarness();
        host.Write("metered_paused.flow", Flow("metered_paused"));
        await host.StartAsync();
        await host.Store.SetPausedAsync("metered_paused", true, host.Clock.GetUtcNow());
        await host.PollStoreAsync();

        host.Clock.SetUtcNow(At("10:01:00"));
        // The skip is logged a moment before it is counted: wait for the count.
        await Wait.UntilAsync(() => measured.Sum(Fires, Workflow("metered_paused")) == 1, "the fire counted");

        Assert.Equal(1, measured.Sum(Fires, Workflow("metered_paused"), Outcome(FireOutcome.Paused)));
        Assert.Equal(0, measured.Sum(Fires, Workflow("metered_paused"), Outcome(FireOutcome.Started)));
    }

    [Fact]
    public async Task AFireWhoseRunAnotherHostCreatedIsCountedDuplicate()
    {
        using var measured = new MeasurementCapture();
        await using var host = new HostHarness();
        host.Write("metered_duplicate.flow", Flow("metered_duplicate"));
        await host.StartAsync();
        var runId = RunRecord.ScheduledRunId("metered_duplicate", At("10:01:00"));
        await host.Store.TryCreateRunAsync(new RunRecord(runId, "metered_duplicate", RunStatus.Running, RunTrigger.Schedule, At("10:01:00"), At("10:01:00"),
            null, "metered_duplicate.flow", "{}", "{}"), ["hold"], "other-host", TimeSpan.FromMinutes(5), null);

        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => measured.Sum(Fires, Workflow("metered_duplicate")) == 1, "the fire counted");

        Assert.Equal(1, measured.Sum(Fires, Workflow("metered_duplicate"), Outcome(FireOutcome.Duplicate)));
        Assert.Empty(measured.Of(FireLateness, Workflow("metered_duplicate")));
    }

    [Fact]
    public async Task ReloadsAreCountedPerFileOkOrError()
    {
        using var measured = new MeasurementCapture();
        await using var host = new HostHarness();
        var path = host.Write("metered_reload.flow", Flow("metered_reload"));
        await host.StartAsync();
        var ok = measured.Sum(Reloads, (TelemetryTags.ReloadOutcome, "ok"));
        var error = measured.Sum(Reloads, (TelemetryTags.ReloadOutcome, "error"));

        File.WriteAllText(path, Flow("metered_reload").Replace("concurrency 1", "concurrency 2", StringComparison.Ordinal));
        await host.ReloadAsync();
        File.WriteAllText(path, "workflow metered_reload {\n    shedule cron \"* * * * *\"\n}\n");
        await host.ReloadAsync();

        // Other tests' hosts reload beside this one: at least this file's two reloads are counted, each with its outcome.
        Assert.True(measured.Sum(Reloads, (TelemetryTags.ReloadOutcome, "ok")) >= ok + 1);
        Assert.True(measured.Sum(Reloads, (TelemetryTags.ReloadOutcome, "error")) >= error + 1);
    }
}
