using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>
/// <c>on failure</c>, <c>on success</c> and <c>on exit</c> (docs/semantics.md): after the jobs, the outcome's handler then
/// <c>on exit</c>, recorded as jobs of the run, never changing its status; on a fake clock with a scripted runner.
/// </summary>
public sealed class HandlerTests : IAsyncLifetime
{
    // a fails (once, unless told otherwise), b succeeds beside it, c below a is skipped.
    private const string Alerting = """
        workflow w {
            job a { run ```1``` }
            job b { run ```1``` }
            job c { run ```1``` }
            a -> c
            on exit    { run ```1``` }
            on success { run ```1``` }
            on failure { run ```1``` }
        }
        """;

    private ExecutorHarness _h = null!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AFailedRun_RunsOnFailureWithTheFailedJobsError_ThenOnExit_AndSkipsOnSuccess()
    {
        _h.Runner.FailFirst("a", 1);

        var run = (await _h.Executor().StartAsync(Flow(Alerting), RunTrigger.Manual, T0))!;

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(["a", "b"], _h.Runner.Calls.Take(2).Select(c => c.Job).Order());
        Assert.Equal(["on failure", "on exit"], _h.Runner.Calls.Skip(2).Select(c => c.Job));
        var failure = Assert.Single(_h.Runner.CallsOf("on failure"));
        Assert.Equal(new RunOutcome("failed", new Dictionary<string, string> { ["a"] = "boom 1" }), failure.Outcome, OutcomeComparer.Instance);
        Assert.Equal(new Dictionary<string, string> { ["b"] = """{"job":"b"}""" }, failure.InputsJson);
        Assert.Equal(failure.InputsJson, failure.OutputsJson);
        Assert.Equal("failed", Assert.Single(_h.Runner.CallsOf("on exit")).Outcome!.Status);
        Assert.Empty(_h.Runner.CallsOf("on success"));
        var jobs = await _h.JobsAsync(run.RunId);
        Assert.Equal(["a", "b", "c", "on failure", "on success", "on exit"], (await _h.Store.GetJobsAsync(run.RunId)).Select(j => j.Job));
        Assert.Equal((JobStatus.Succeeded, JobStatus.Skipped, JobStatus.Succeeded),
            (jobs["on failure"].Status, jobs["on success"].Status, jobs["on exit"].Status));
        // Handlers end before the run does: its end is the last thing written.
        Assert.True(jobs["on exit"].FinishedAt <= run.FinishedAt);
    }

    [Fact]
    public async Task ASucceededRun_RunsOnSuccessThenOnExit_WithEveryJobsOutput_AndNoFailures()
    {
        var run = (await _h.Executor().StartAsync(Flow(Alerting), RunTrigger.Manual, T0))!;

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(["on success", "on exit"], _h.Runner.Calls.Skip(3).Select(c => c.Job));
        var success = Assert.Single(_h.Runner.CallsOf("on success"));
        Assert.Equal(("succeeded", 0), (success.Outcome!.Status, success.Outcome.Failed.Count));
        Assert.Equal(["a", "b", "c"], success.InputsJson.Keys.Order());
        Assert.Equal((JobStatus.Skipped, JobStatus.Succeeded), ((await _h.JobsAsync(run.RunId))["on failure"].Status, (await _h.JobsAsync(run.RunId))["on success"].Status));
    }

    [Fact]
    public async Task JobsSeeNoRunOutcome_OnlyHandlersDo()
    {
        await _h.Executor().StartAsync(Flow(Alerting), RunTrigger.Manual, T0);

        Assert.All(_h.Runner.Calls.Where(c => !HandlerDefinition.IsHandlerName(c.Job)), c => Assert.Null(c.Outcome));
    }

    [Fact]
    public async Task AFailingHandler_IsRecordedFailed_ButNeverChangesTheRunsStatus_AndOnExitStillRuns()
    {
        _h.Runner.On("on success", (c, _) => Task.FromResult(AttemptResult.Failure("webhook down", ["posting"])));

        var run = (await _h.Executor().StartAsync(Flow(Alerting), RunTrigger.Manual, T0))!;

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(RunStatus.Succeeded, (await _h.Store.GetRunAsync(run.RunId))!.Status);
        var jobs = await _h.JobsAsync(run.RunId);
        Assert.Equal((JobStatus.Failed, "webhook down"), (jobs["on success"].Status, jobs["on success"].Error));
        Assert.Equal(["posting"], (await _h.Store.GetAttemptsAsync(run.RunId)).Single(a => a.Job == "on success").Logs);
        Assert.Equal(JobStatus.Succeeded, jobs["on exit"].Status);
    }

    [Fact]
    public async Task AHandlerGetsTheWorkflowsRetriesAndBackoff_LikeAnyJob()
    {
        var flow = Flow("""
            workflow w {
                retries 1 backoff 5s
                job a { retries 0 run ```1``` }
                on failure { run ```1``` }
            }
            """);
        _h.Runner.FailFirst("a", 9);
        _h.Runner.FailFirst("on failure", 1);
        var run = _h.Executor().StartAsync(flow, RunTrigger.Manual, T0);

        await _h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        Assert.Single(_h.Runner.CallsOf("on failure"));
        _h.Time.Advance(TimeSpan.FromSeconds(5));

        var finished = (await run)!;
        var handler = (await _h.JobsAsync(finished.RunId))["on failure"];
        Assert.Equal((RunStatus.Failed, JobStatus.Succeeded, 2), (finished.Status, handler.Status, handler.Attempts));
        Assert.Equal([T0, T0.AddSeconds(5)], (await _h.Store.GetAttemptsAsync(finished.RunId)).Where(a => a.Job == "on failure").Select(a => a.StartedAt));
        Assert.Single(_h.Runner.CallsOf("a"));
    }

    [Fact]
    public async Task AStopDuringAHandler_LeavesTheRunRunning_AndAResumeRunsTheHandlerAndOnlyThenEndsTheRun()
    {
        var flow = Flow("""workflow w { job a { run ```1``` } on failure { run ```1``` } on exit { run ```1``` } }""");
        _h.Runner.FailFirst("a", 9);
        _h.Runner.Gate("on failure");
        using var stop = new CancellationTokenSource();
        var run = _h.Executor().StartAsync(flow, RunTrigger.Schedule, T0, cancellationToken: stop.Token);
        await Wait.UntilAsync(() => _h.Runner.Running == 1 && _h.Runner.CallsOf("on failure").Count == 1, "on failure running");
        var runId = RunRecord.ScheduledRunId("w", T0);
        Assert.Equal(RunStatus.Running, (await _h.Store.GetRunAsync(runId))!.Status);

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var stopped = (await _h.Store.GetRunAsync(runId))!;
        var jobs = await _h.JobsAsync(runId);
        Assert.Equal(RunStatus.Running, stopped.Status);
        Assert.Equal((JobStatus.Failed, JobStatus.Pending, JobStatus.Pending), (jobs["a"].Status, jobs["on failure"].Status, jobs["on exit"].Status));
        _h.Runner.On("on failure", (c, _) => Task.FromResult(ScriptedRunner.Ok(c)));

        var resumed = await _h.Executor().ResumeAsync(stopped);

        Assert.Equal(RunStatus.Failed, resumed.Status);
        Assert.Single(_h.Runner.CallsOf("a"));
        Assert.Equal([1, 2], _h.Runner.CallsOf("on failure").Select(c => c.Attempt));
        Assert.Equal("boom 1", _h.Runner.CallsOf("on failure")[1].Outcome!.Failed["a"]);
        jobs = await _h.JobsAsync(runId);
        Assert.Equal((JobStatus.Succeeded, 1, JobStatus.Succeeded), (jobs["on failure"].Status, jobs["on failure"].Attempts, jobs["on exit"].Status));
        Assert.Equal([AttemptOutcome.Interrupted, AttemptOutcome.Succeeded],
            (await _h.Store.GetAttemptsAsync(runId)).Where(a => a.Job == "on failure").Select(a => a.Outcome));
    }

    [Fact]
    public async Task AResumeOfARunWhoseHandlersHadAllEnded_RunsNothingAgain()
    {
        var flow = Flow("""workflow w { job a { run ```1``` } on success { run ```1``` } on exit { run ```1``` } }""");
        _h.Runner.Gate("on exit");
        using var stop = new CancellationTokenSource();
        var run = _h.Executor().StartAsync(flow, RunTrigger.Schedule, T0, cancellationToken: stop.Token);
        await Wait.UntilAsync(() => _h.Runner.CallsOf("on exit").Count == 1, "on exit running");
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        _h.Runner.On("on exit", (c, _) => Task.FromResult(ScriptedRunner.Ok(c)));

        var resumed = await _h.Executor().ResumeAsync((await _h.Store.GetRunAsync(RunRecord.ScheduledRunId("w", T0)))!);

        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        Assert.Equal((1, 1, 2), (_h.Runner.CallsOf("a").Count, _h.Runner.CallsOf("on success").Count, _h.Runner.CallsOf("on exit").Count));
    }

    [Fact]
    public async Task ARetryRunsTheHandlersAgain_ForTheOutcomeTheRetryReaches()
    {
        _h.Runner.FailFirst("a", 1);
        var executor = _h.Executor();
        var failed = (await executor.StartAsync(Flow(Alerting), RunTrigger.Manual, T0))!;
        Assert.Equal(RunStatus.Failed, failed.Status);

        var retried = (await executor.RetryAsync(failed.RunId))!;

        Assert.Equal(RunStatus.Succeeded, retried.Status);
        var jobs = await _h.JobsAsync(failed.RunId);
        Assert.Equal((JobStatus.Skipped, JobStatus.Succeeded, JobStatus.Succeeded), (jobs["on failure"].Status, jobs["on success"].Status, jobs["on exit"].Status));
        Assert.Equal((1, 1, 2), (_h.Runner.CallsOf("on failure").Count, _h.Runner.CallsOf("on success").Count, _h.Runner.CallsOf("on exit").Count));
        Assert.Equal("succeeded", _h.Runner.CallsOf("on exit")[1].Outcome!.Status);
        // Only jobs are retried: the b that succeeded is not run again, and the handlers are not what makes a run retryable.
        Assert.Single(_h.Runner.CallsOf("b"));
        Assert.Null(await executor.RetryAsync(failed.RunId));
    }

    [Fact]
    public async Task ARetryOfOneHandler_RunsItAloneAgain_AndLeavesTheJobsAndTheStatusAsTheyWere()
    {
        _h.Runner.FailFirst("a", 9);
        _h.Runner.FailFirst("on failure", 1);
        var executor = _h.Executor();
        var failed = (await executor.StartAsync(Flow(Alerting), RunTrigger.Manual, T0))!;
        Assert.Equal(JobStatus.Failed, (await _h.JobsAsync(failed.RunId))["on failure"].Status);

        var retried = (await executor.RetryAsync(failed.RunId, "on failure"))!;

        var jobs = await _h.JobsAsync(failed.RunId);
        Assert.Equal(RunStatus.Failed, retried.Status);
        Assert.Equal((JobStatus.Succeeded, JobStatus.Succeeded), (jobs["on failure"].Status, jobs["on exit"].Status));
        Assert.Equal((1, 1, 2, 1), (_h.Runner.CallsOf("a").Count, _h.Runner.CallsOf("b").Count, _h.Runner.CallsOf("on failure").Count, _h.Runner.CallsOf("on exit").Count));
        var misspelt = await Assert.ThrowsAsync<ArgumentException>(() => executor.RetryAsync(failed.RunId, "on faliure"));
        Assert.Equal("Workflow 'w' has no job 'on faliure' (did you mean 'on failure'?) (its jobs: a, b, c).", misspelt.Message);
        var without = (await executor.StartAsync(Flow("workflow v { job a { run ```1``` } }"), RunTrigger.Manual, T0))!;
        var notDeclared = await Assert.ThrowsAsync<ArgumentException>(() => executor.RetryAsync(without.RunId, "on exit"));
        Assert.Equal("Workflow 'v' has no handler 'on exit' (its handlers: none).", notDeclared.Message);
    }

    [Fact]
    public async Task JobFinishedIsRaisedForHandlersAfterTheJobs_SkippedOnesIncluded()
    {
        _h.Runner.FailFirst("a", 1);
        var executor = _h.Executor();
        var finished = new List<string>();
        executor.JobFinished += j => { lock (finished) finished.Add($"{j.Job} {j.Status}"); };

        await executor.StartAsync(Flow(Alerting), RunTrigger.Manual, T0);

        Assert.Equal(["on success Skipped", "on failure Succeeded", "on exit Succeeded"], finished.Skip(3));
    }

    [Theory]
    [InlineData(HandlerKind.Failure, RunStatus.Failed, true)]
    [InlineData(HandlerKind.Failure, RunStatus.Succeeded, false)]
    [InlineData(HandlerKind.Failure, RunStatus.Cancelled, false)]
    [InlineData(HandlerKind.Success, RunStatus.Succeeded, true)]
    [InlineData(HandlerKind.Success, RunStatus.Failed, false)]
    [InlineData(HandlerKind.Success, RunStatus.Cancelled, false)]
    [InlineData(HandlerKind.Exit, RunStatus.Succeeded, true)]
    [InlineData(HandlerKind.Exit, RunStatus.Failed, true)]
    [InlineData(HandlerKind.Exit, RunStatus.Cancelled, true)]
    public void WhichHandlerAnswersWhichOutcome(HandlerKind kind, RunStatus outcome, bool runs) =>
        Assert.Equal(runs, RunHandlers.Applies(kind, outcome));

    private sealed class OutcomeComparer : IEqualityComparer<RunOutcome?>
    {
        public static readonly OutcomeComparer Instance = new();

        public bool Equals(RunOutcome? x, RunOutcome? y) =>
            x is not null && y is not null && x.Status == y.Status && x.Failed.OrderBy(p => p.Key).SequenceEqual(y.Failed.OrderBy(p => p.Key));

        public int GetHashCode(RunOutcome? obj) => obj?.Status.GetHashCode() ?? 0;
    }
}
