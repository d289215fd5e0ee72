using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Operations;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// What the API asks of the running host (<see cref="Orchestrator.Hosting.HostOperations"/>), on the fake clock: the run it starts is
/// one of the host's own, and each refusal says why with the kind the API answers with (400, 404, 409). The host started at 10:00:30.
/// </summary>
public sealed class HostOperationsTests
{
    private static string Flow(string name = "tick", string settings = "", string jobs = "job a { run ``` return 1; ``` }") => $$"""
        workflow {{name}} {
            schedule cron "* * * * *"
            params { "region": "eu", "batch": 5 }
            {{settings}}
            {{jobs}}
        }
        """;

    private static async Task<RunRecord> FinishedAsync(HostHarness host, string runId)
    {
        RunRecord? run = null;
        await Wait.UntilAsync(() => (run = host.Store.GetRunAsync(runId).Result) is { IsFinished: true }, $"run {runId} to finish",
            () => string.Join("\n", host.Logs.Lines()));
        return run!;
    }

    private static async Task<OperationException> RefusedAsync(OperationFailure failure, Func<Task> operation)
    {
        var refused = await Assert.ThrowsAsync<OperationException>(operation);
        Assert.Equal(failure, refused.Failure);
        return refused;
    }

    [Fact]
    public async Task ATriggerReturnsTheRunAtOnceAndTheHostRunsItWithTheParamsGiven()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        var gate = host.Runner.Gate("a");
        await host.StartAsync();
        using var events = host.Events.Subscribe();

        var run = await host.Operations.TriggerAsync("tick", """{ "batch": 50 }""", force: false);

        Assert.Equal((RunStatus.Running, RunTrigger.Manual, HostHarness.T0), (run.Status, run.Trigger, run.ScheduledAt));
        Assert.StartsWith("tick@manual-", run.RunId);
        // Recorded before it runs: the store has it, held by this host.
        Assert.Equal("test-host", (await host.Store.GetRunAsync(run.RunId))!.LeaseOwner);
        gate.SetResult();
        Assert.Equal(RunStatus.Succeeded, (await FinishedAsync(host, run.RunId)).Status);
        Assert.Equal("""{"region":"eu","batch":50}""", Assert.Single(host.Runner.CallsOf("a")).ParamsJson);
        await host.WaitForLogAsync($"Run {run.RunId} of tick ended succeeded");
        // A manual fire, as the event stream shows it.
        Assert.True(events.Reader.TryRead(out var fire));
        Assert.Equal(new FireEvent("tick", HostHarness.T0, "manual", FireOutcome.Started, run.RunId), fire);
    }

    [Fact]
    public async Task ATriggerAtTheConcurrencyLimitIsAConflictUnlessForced()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        var gate = host.Runner.Gate("a");
        await host.StartAsync();
        var first = await host.Operations.TriggerAsync("tick", null, force: false);

        var refused = await RefusedAsync(OperationFailure.Conflict, () => host.Operations.TriggerAsync("tick", null, force: false));
        Assert.Equal($"workflow tick is at its concurrency limit (1): active {first.RunId}; wait for one to end, or trigger with \"force\": true", refused.Message);

        var forced = await host.Operations.TriggerAsync("tick", null, force: true);
        await Wait.UntilAsync(() => host.Runner.Running == 2, "both runs to hold their job");
        // The forced run holds a slot too: the 10:01 fire finds two active and is skipped.
        host.Clock.SetUtcNow(At("10:01:00"));
        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:01:00.0000000+00:00: 2 run(s) active, concurrency 1");
        gate.SetResult();
        Assert.Equal(RunStatus.Succeeded, (await FinishedAsync(host, forced.RunId)).Status);
    }

    [Fact]
    public async Task ATriggerOfAnUnknownWorkflowOrWithParamsNotAnObjectIsRefused()
    {
        await using var host = new HostHarness();
        host.Write("nightly_etl.flow", Flow("nightly_etl"));
        await host.StartAsync();

        var unknown = await RefusedAsync(OperationFailure.NotFound, () => host.Operations.TriggerAsync("nightly_elt", null, false));
        Assert.Equal("no workflow named nightly_elt; did you mean nightly_etl?", unknown.Message);
        var badParams = await RefusedAsync(OperationFailure.BadRequest, () => host.Operations.TriggerAsync("nightly_etl", "[1, 2]", false));
        Assert.Equal("params", badParams.Field);
        // A refused trigger gives its slot back.
        var run = await host.Operations.TriggerAsync("nightly_etl", null, false);
        Assert.Equal(RunStatus.Succeeded, (await FinishedAsync(host, run.RunId)).Status);
    }

    [Fact]
    public async Task ATriggeredRunInterruptedByAStopResumesAtTheNextStart()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow(jobs: "job a { run ``` return 1; ``` }\n job b { run ``` return 2; ``` }\n a -> b"));
        host.Runner.Gate("b");
        await host.StartAsync();
        var run = await host.Operations.TriggerAsync("tick", null, false);
        await Wait.UntilAsync(() => host.Runner.Running == 1 && host.Runner.CallsOf("b").Count == 1, "job b to start");

        await host.StopAsync();
        host.Runner.On("b", (c, _) => Task.FromResult(Execution.ScriptedRunner.Ok(c)));
        await host.StartAsync(HostHarness.T0.AddSeconds(5));

        Assert.Equal(RunStatus.Succeeded, (await FinishedAsync(host, run.RunId)).Status);
        // Job a succeeded before the stop and is not run again.
        Assert.Single(host.Runner.CallsOf("a"));
    }

    [Fact]
    public async Task ARetryRunsTheFailedJobsAgainReusingTheOthersAndRefusesWhatItCannotDo()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow(jobs: "job a { run ``` return 1; ``` }\n job b { run ``` return 2; ``` }\n a -> b"));
        host.Runner.FailFirst("b", 1);
        await host.StartAsync();
        var run = await host.Operations.TriggerAsync("tick", null, false);
        Assert.Equal(RunStatus.Failed, (await FinishedAsync(host, run.RunId)).Status);

        Assert.Equal("job", (await RefusedAsync(OperationFailure.BadRequest, () => host.Operations.RetryAsync(run.RunId, "c"))).Field);
        var unknown = await RefusedAsync(OperationFailure.NotFound, () => host.Operations.RetryAsync(run.RunId + "x", null));
        Assert.Equal($"no run {run.RunId}x; did you mean {run.RunId}?", unknown.Message);

        var retried = await host.Operations.RetryAsync(run.RunId, null);
        Assert.Equal((run.RunId, RunStatus.Running), (retried.RunId, retried.Status));
        // Recorded as no longer failed before the retry answers (running, or already done on a quick machine).
        Assert.NotEqual(RunStatus.Failed, (await host.Store.GetRunAsync(run.RunId))!.Status);
        Assert.Equal(RunStatus.Succeeded, (await FinishedAsync(host, run.RunId)).Status);
        Assert.Single(host.Runner.CallsOf("a"));
        Assert.Equal(2, host.Runner.CallsOf("b").Count);

        var nothing = await RefusedAsync(OperationFailure.Conflict, () => host.Operations.RetryAsync(run.RunId, null));
        Assert.StartsWith($"nothing to retry: run {run.RunId} succeeded", nothing.Message);
    }

    [Fact]
    public async Task ARetryOfAnActiveRunIsAConflict()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        var gate = host.Runner.Gate("a");
        await host.StartAsync();
        var run = await host.Operations.TriggerAsync("tick", null, false);

        var refused = await RefusedAsync(OperationFailure.Conflict, () => host.Operations.RetryAsync(run.RunId, null));
        Assert.Equal($"run {run.RunId} is still running; only a finished run can be retried", refused.Message);
        gate.SetResult();
        await FinishedAsync(host, run.RunId);
    }

    [Fact]
    public async Task ACancelStopsARunThisHostHoldsAtOnceAndAFinishedRunCannotBeCancelled()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow(jobs: "job a { run ``` return 1; ``` }\n job b { run ``` return 2; ``` }\n a -> b"));
        host.Runner.Gate("a");
        await host.StartAsync();
        var run = await host.Operations.TriggerAsync("tick", null, false);
        await Wait.UntilAsync(() => host.Runner.Running == 1, "job a to start");

        var asked = await host.Operations.CancelAsync(run.RunId);

        Assert.Equal(HostHarness.T0, asked.CancelRequestedAt);
        // No tick of the clock, so no read of the store: the host acted on the request itself.
        var cancelled = await FinishedAsync(host, run.RunId);
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        var jobs = await host.Store.GetJobsAsync(run.RunId);
        Assert.Equal([JobStatus.Cancelled, JobStatus.Skipped], jobs.Select(j => j.Status));

        var again = await RefusedAsync(OperationFailure.Conflict, () => host.Operations.CancelAsync(run.RunId));
        Assert.Equal($"run {run.RunId} has already finished (cancelled); only a pending or running run can be cancelled", again.Message);
        await RefusedAsync(OperationFailure.NotFound, () => host.Operations.CancelAsync("tick@nope"));
    }

    [Fact]
    public async Task PausingAppliesToTheHostAtOnceAndAnUnknownNameIsNotFound()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        await host.StartAsync();

        var paused = await host.Operations.SetPausedAsync("tick", true);

        Assert.Equal(new PauseOutcome("tick", true, HostHarness.T0, true), paused);
        host.Clock.SetUtcNow(At("10:01:00"));
        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:01:00.0000000+00:00 (schedule): paused since");
        Assert.False((await host.Operations.SetPausedAsync("tick", true)).Changed);
        Assert.Equal(new PauseOutcome("tick", false, null, true), await host.Operations.SetPausedAsync("tick", false));
        host.Clock.SetUtcNow(At("10:02:00"));
        Assert.Equal(At("10:02:00"), Assert.Single(await host.FinishedRunsAsync("tick", 1)).ScheduledAt);

        var unknown = await RefusedAsync(OperationFailure.NotFound, () => host.Operations.SetPausedAsync("tock", true));
        Assert.Equal("no workflow named tock; did you mean tick?", unknown.Message);
    }

    [Fact]
    public async Task ABackfillQueuesTheMissingInstantsAndTheHostRunsThem()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        await host.StartAsync(At("10:05:30"));
        var ops = host.Operations;

        var dry = await ops.BackfillAsync("tick", "2026-11-28T10:02:00Z", "2026-11-28T10:04:00Z", dryRun: true, null);
        Assert.Equal([At("10:02:00"), At("10:03:00"), At("10:04:00")], dry.Instants.Select(i => i.At));
        Assert.Empty(await host.RunsAsync("tick"));

        var queued = await ops.BackfillAsync("tick", "2026-11-28T10:02:00Z", "2026-11-28T10:04:00Z", dryRun: false, """{ "batch": 1 }""");
        Assert.Equal((3, 3), (queued.Queued, queued.ToRun.Count));
        // Taken at once, one after another (concurrency 1), without waiting for the store watch's next read.
        var runs = await host.FinishedRunsAsync("tick", 3);
        Assert.All(runs, r => Assert.Equal((RunTrigger.Backfill, RunStatus.Succeeded), (r.Trigger, r.Status)));
        Assert.Equal(0, (await ops.BackfillAsync("tick", "2026-11-28T10:02:00Z", "2026-11-28T10:04:00Z", false, null)).Queued);
    }

    [Theory]
    [InlineData("2026-11-28T10:04:00Z", "2026-11-28T10:02:00Z", OperationFailure.BadRequest, "to",
        "\"to\" 2026-11-28T10:02:00+00:00 is before \"from\" 2026-11-28T10:04:00+00:00: the range runs from \"from\" to \"to\"")]
    [InlineData("yesterday", "2026-11-28T10:02:00Z", OperationFailure.BadRequest, "from", "\"from\" is not an ISO 8601 instant ('yesterday')")]
    [InlineData("2026-11-28T10:02:00Z", "2026-11-28T11:00:00Z", OperationFailure.BadRequest, "to", "\"to\" 2026-11-28T11:00:00+00:00 is in the future")]
    public async Task ABackfillOfABadRangeNamesTheField(string from, string to, OperationFailure failure, string field, string message)
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        await host.StartAsync(At("10:05:30"));

        var refused = await RefusedAsync(failure, () => host.Operations.BackfillAsync("tick", from, to, false, null));

        Assert.Equal(field, refused.Field);
        Assert.StartsWith(message, refused.Message);
    }

    [Fact]
    public async Task ABackfillOfAWorkflowWithoutScheduleIsAConflict()
    {
        await using var host = new HostHarness();
        host.Write("manual.flow", "workflow manual { job a { run ``` return 1; ``` } }");
        await host.StartAsync();

        var refused = await RefusedAsync(OperationFailure.Conflict, () => host.Operations.BackfillAsync("manual", "2026-11-28", "2026-11-28T10:00:00Z", false, null));
        Assert.StartsWith("workflow 'manual' has no schedule", refused.Message);
    }
}
