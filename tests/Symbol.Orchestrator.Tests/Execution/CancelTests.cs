using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>
/// <c>orchestrator cancel</c> as the executor carries it out (docs/semantics.md): the request is read from the store on
/// the executor's clock, running attempts end cancelled, jobs not started are skipped, the run ends cancelled.
/// </summary>
public sealed class CancelTests : IAsyncLifetime
{
    // a runs first; b after it; c beside them, so one cancel meets a running job, a waiting one and an independent one.
    private const string Chain = """
        workflow w {
            job a { run ```1``` }
            job b { run ```1``` }
            job c { run ```1``` }
            a -> b
        }
        """;

    private static readonly string RunId = RunRecord.ScheduledRunId("w", T0);

    private ExecutorHarness _h = null!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>Stores a cancel request, then moves the clock until the executor has read it and the run has ended.</summary>
    private async Task<RunRecord> CancelAsync(Task<RunRecord?> run)
    {
        Assert.NotNull(await _h.Store.RequestCancelAsync(RunId, _h.Time.GetUtcNow()));
        await Wait.UntilAsync(() =>
        {
            _h.Time.Advance(RunExecutor.CancelPollInterval);
            return run.IsCompleted;
        }, "the run to end after the cancel");
        return (await run)!;
    }

    [Fact]
    public async Task ACancelMidAttemptCancelsTheRunningAttemptSkipsTheJobsNotStartedAndEndsTheRunCancelled()
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Runner.On("a", async (c, ct) =>
        {
            await using (ct.Register(() => seen.TrySetResult()))
                await Task.Delay(Timeout.Infinite, ct);
            return ScriptedRunner.Ok(c);
        });
        _h.Runner.Gate("c");
        var finished = new List<JobRecord>();
        var executor = _h.Executor();
        executor.JobFinished += j => { lock (finished) finished.Add(j); };
        var run = executor.StartAsync(Flow(Chain), RunTrigger.Schedule, T0);
        await Wait.UntilAsync(() => _h.Runner.Running == 2, "a and c running");

        var ended = await CancelAsync(run);

        await seen.Task.WaitAsync(Wait.Bound); // the script saw its token
        var jobs = await _h.JobsAsync(RunId);
        var attempts = await _h.Store.GetAttemptsAsync(RunId);
        Assert.Equal(RunStatus.Cancelled, ended.Status);
        Assert.NotNull(ended.FinishedAt);
        Assert.Equal((JobStatus.Cancelled, JobStatus.Skipped, JobStatus.Cancelled), (jobs["a"].Status, jobs["b"].Status, jobs["c"].Status));
        Assert.Equal("cancelled: the run was cancelled", jobs["a"].Error);
        Assert.All(attempts, a => Assert.Equal((AttemptOutcome.Cancelled, "cancelled: the run was cancelled"), (a.Outcome, a.Error)));
        Assert.All(attempts, a => Assert.NotNull(a.FinishedAt));
        Assert.Empty(_h.Runner.CallsOf("b"));
        // trigger's lines learn why b was skipped, which the store does not keep
        Assert.Equal(RunExecutor.NotStartedReason, finished.Single(j => j.Job == "b").Error);
    }

    [Fact]
    public async Task AJobWaitingOutItsBackoffIsCancelledAndItsRetryNeverStarts()
    {
        var flow = Flow("""workflow w { job a { retries 2 backoff 10s  run ```1``` } job b { run ```1``` } a -> b }""");
        _h.Runner.FailFirst("a", 99);
        var run = _h.Executor().StartAsync(flow, RunTrigger.Schedule, T0);
        await _h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));

        var ended = await CancelAsync(run);
        _h.Time.Advance(TimeSpan.FromSeconds(30));

        var jobs = await _h.JobsAsync(RunId);
        Assert.Equal(RunStatus.Cancelled, ended.Status);
        Assert.Single(_h.Runner.CallsOf("a"));
        Assert.Equal((JobStatus.Cancelled, 1), (jobs["a"].Status, jobs["a"].Attempts));
        Assert.Equal(AttemptOutcome.Failed, Assert.Single(await _h.Store.GetAttemptsAsync(RunId)).Outcome);
        Assert.Equal(JobStatus.Skipped, jobs["b"].Status);
    }

    [Fact]
    public async Task AJobWaitingForAParallelSlotIsSkippedWithoutAnAttempt()
    {
        var flow = Flow("""workflow w { job a { run ```1``` } job b { run ```1``` } }""");
        _h.Runner.Gate("a");
        var run = _h.Executor(Options with { MaxParallelJobs = 1 }).StartAsync(flow, RunTrigger.Schedule, T0);
        await Wait.UntilAsync(() => _h.Runner.Running == 1, "a holding the only slot");

        var ended = await CancelAsync(run);

        var jobs = await _h.JobsAsync(RunId);
        Assert.Equal(RunStatus.Cancelled, ended.Status);
        Assert.Equal((JobStatus.Cancelled, JobStatus.Skipped, 0), (jobs["a"].Status, jobs["b"].Status, jobs["b"].LastAttempt));
        Assert.Empty(_h.Runner.CallsOf("b"));
    }

    [Fact]
    public async Task AnExecutorActsOnlyOnTheRequestsForRunsItHolds()
    {
        var gate = _h.Runner.Gate("a");
        var run = _h.Executor().StartAsync(Flow("""workflow w { job a { run ```1``` } }"""), RunTrigger.Schedule, T0);
        await Wait.UntilAsync(() => _h.Runner.Running == 1, "a running");
        var others = StoredRun(Flow("""workflow v { job x { run ```1``` } }"""), "v@elsewhere");
        Assert.Equal(RunCreation.Created, await _h.Store.TryCreateRunAsync(others, ["x"], "other-host", TimeSpan.FromHours(1)));
        await _h.Store.RequestCancelAsync(others.RunId, T0);

        _h.Time.Advance(RunExecutor.CancelPollInterval * 4);
        gate.SetResult();

        Assert.Equal(RunStatus.Succeeded, (await run)!.Status);
        Assert.Equal(RunStatus.Running, (await _h.Store.GetRunAsync(others.RunId))!.Status);
        Assert.Equal(JobStatus.Pending, Assert.Single(await _h.Store.GetJobsAsync(others.RunId)).Status);
    }

    private static RunRecord StoredRun(Language.WorkflowDefinition flow, string runId, RunStatus status = RunStatus.Running) =>
        new(runId, flow.Name, status, RunTrigger.Schedule, T0, status == RunStatus.Running ? T0 : null, null, flow.Position.Path, RunDefinition.Capture(flow), "{}");

    [Fact]
    public async Task ARunResumedWithACancelRequestIsCancelledAtOnceWithoutRunningAJob()
    {
        // A host died with a running: its attempt is still marked running, and its lease ran out.
        var flow = Flow(Chain);
        var executor = _h.Executor();
        var record = StoredRun(flow, RunId);
        Assert.Equal(RunCreation.Created, await _h.Store.TryCreateRunAsync(record, ["a", "b", "c"], "dead-host", TimeSpan.FromSeconds(1)));
        await _h.Store.StartAttemptAsync(RunId, "a", 1, T0, 1);
        await _h.Store.RequestCancelAsync(RunId, T0);
        _h.Time.Advance(TimeSpan.FromSeconds(2));

        var ended = await executor.ResumeAsync(record);

        var jobs = await _h.JobsAsync(RunId);
        Assert.Equal(RunStatus.Cancelled, ended.Status);
        Assert.Empty(_h.Runner.Calls);
        Assert.Equal((JobStatus.Cancelled, JobStatus.Skipped, JobStatus.Skipped), (jobs["a"].Status, jobs["b"].Status, jobs["c"].Status));
        Assert.Equal(AttemptOutcome.Cancelled, Assert.Single(await _h.Store.GetAttemptsAsync(RunId)).Outcome);
    }

    [Fact]
    public async Task AQueuedRunCancelledBeforeItWasTakenEndsCancelledWithoutEverStarting()
    {
        var flow = Flow(Chain);
        var queued = StoredRun(flow, RunId, RunStatus.Pending) with { Trigger = RunTrigger.Backfill };
        await _h.Store.EnqueueRunsAsync([new NewRun(queued, ["a", "b", "c"])]);
        var asked = (await _h.Store.RequestCancelAsync(RunId, T0))!;

        var ended = await _h.Executor().ResumeAsync(asked);

        Assert.Equal((RunStatus.Cancelled, (DateTimeOffset?)null), (ended.Status, ended.StartedAt));
        Assert.All((await _h.JobsAsync(RunId)).Values, j => Assert.Equal(JobStatus.Skipped, j.Status));
        Assert.Empty(_h.Runner.Calls);
    }

    [Fact]
    public async Task ARetryOfACancelledRunRunsItsCancelledAndSkippedJobsAgainAndIsNotCancelledByTheOldRequest()
    {
        var gate = _h.Runner.Gate("a");
        var executor = _h.Executor();
        var cancelled = await CancelAsync(executor.StartAsync(Flow(Chain), RunTrigger.Schedule, T0));
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        gate.SetResult();

        var retried = executor.RetryAsync(RunId);
        _h.Time.Advance(RunExecutor.CancelPollInterval * 4);
        var ended = (await retried)!;

        var jobs = await _h.JobsAsync(RunId);
        Assert.Equal((RunStatus.Succeeded, (DateTimeOffset?)null), (ended.Status, ended.CancelRequestedAt));
        Assert.All(jobs.Values, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        Assert.Equal([1, 2], _h.Runner.CallsOf("a").Select(c => c.Attempt));
        Assert.Single(_h.Runner.CallsOf("b"));
    }

    [Fact]
    public async Task ACancelledRunRunsItsOnExitHandlerUncancelledAndSkipsTheOthersBeforeItEndsCancelled()
    {
        var flow = Flow("""
            workflow w {
                job a { run ```1``` }
                job b { run ```1``` }
                a -> b
                on failure { run ```1``` }
                on success { run ```1``` }
                on exit    { run ```1``` }
            }
            """);
        _h.Runner.Gate("a");

        var ended = await CancelAsync(_h.Executor().StartAsync(flow, RunTrigger.Schedule, T0));

        var jobs = await _h.JobsAsync(RunId);
        Assert.Equal(RunStatus.Cancelled, ended.Status);
        Assert.Equal((JobStatus.Cancelled, JobStatus.Skipped), (jobs["a"].Status, jobs["b"].Status));
        Assert.Equal((JobStatus.Skipped, JobStatus.Skipped, JobStatus.Succeeded),
            (jobs["on failure"].Status, jobs["on success"].Status, jobs["on exit"].Status));
        Assert.Equal("cancelled", Assert.Single(_h.Runner.CallsOf("on exit")).Outcome!.Status);
        // The handler ended before the run did: a run recorded cancelled has had its on exit.
        Assert.True(jobs["on exit"].FinishedAt <= ended.FinishedAt);
    }

    [Fact]
    public async Task AHostStoppingStillInterruptsRatherThanCancels()
    {
        _h.Runner.Gate("a");
        using var stop = new CancellationTokenSource();
        var run = _h.Executor().StartAsync(Flow(Chain), RunTrigger.Schedule, T0, cancellationToken: stop.Token);
        await Wait.UntilAsync(() => _h.Runner.CallsOf("a").Count == 1, "a running");

        await stop.CancelAsync();
        _h.Time.Advance(RunExecutor.CancelPollInterval * 4);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var jobs = await _h.JobsAsync(RunId);
        Assert.Equal(RunStatus.Running, (await _h.Store.GetRunAsync(RunId))!.Status);
        Assert.Equal(JobStatus.Pending, jobs["a"].Status);
        Assert.Equal(AttemptOutcome.Interrupted, (await _h.Store.GetAttemptsAsync(RunId)).Single(a => a.Job == "a").Outcome);
    }

    [Fact]
    public async Task TheLinesAScriptLoggedBeforeItsCancelAreKeptWithTheCancelledAttempt()
    {
        _h.Runner.On("a", async (c, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                throw new AttemptCancelledException(["item 4512 of 10000"], ct);
            }
            return ScriptedRunner.Ok(c);
        });
        var run = _h.Executor().StartAsync(Flow("""workflow w { job a { run ```1``` } }"""), RunTrigger.Schedule, T0);
        await Wait.UntilAsync(() => _h.Runner.Running == 1, "a running");

        await CancelAsync(run);

        Assert.Equal(["item 4512 of 10000"], Assert.Single(await _h.Store.GetAttemptsAsync(RunId)).Logs);
    }
}
