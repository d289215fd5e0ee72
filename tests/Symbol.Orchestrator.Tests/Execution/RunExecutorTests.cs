using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>The executor's semantics (docs/semantics.md) on a fake clock, a scripted runner and the real SQLite store.</summary>
public sealed class RunExecutorTests : IAsyncLifetime
{
    private const string Diamond = """
        workflow w {
            job a { run ``` return 1; ``` }
            job b { run ``` return 2; ``` }
            job c { run ``` return 3; ``` }
            a, b -> c
        }
        """;

    private ExecutorHarness _h = null!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task IndependentJobsRunAtTheSameTime()
    {
        var a = _h.Runner.Gate("a");
        var b = _h.Runner.Gate("b");
        var run = _h.Executor().StartAsync(Flow(Diamond), RunTrigger.Manual, T0);

        await Wait.UntilAsync(() => _h.Runner.Running == 2, "a and b running together");
        a.SetResult();
        b.SetResult();

        Assert.Equal(RunStatus.Succeeded, (await run)!.Status);
    }

    [Fact]
    public async Task AFanInJobWaitsForAllItsUpstreamJobsAndGetsTheirOutputs()
    {
        var b = _h.Runner.Gate("b");
        var run = _h.Executor().StartAsync(Flow(Diamond), RunTrigger.Manual, T0);

        await Wait.UntilAsync(() => _h.Runner.CallsOf("a").Count == 1 && _h.Runner.Running == 1, "a done, b held");
        Assert.Empty(_h.Runner.CallsOf("c")); // had c started early, its inputs below would lack b's output
        b.SetResult();

        var finished = (await run)!;
        var c = Assert.Single(_h.Runner.CallsOf("c"));
        Assert.Equal(new Dictionary<string, string> { ["a"] = """{"job":"a"}""", ["b"] = """{"job":"b"}""" }, c.InputsJson);
        Assert.Equal(RunStatus.Succeeded, finished.Status);
    }

    [Fact]
    public async Task MaxParallelJobsBoundsAttemptsAcrossAllRunsOfTheExecutor()
    {
        var flow = Flow("""workflow w { job a { run ```1``` } job b { run ```1``` } job c { run ```1``` } }""");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var job in new[] { "a", "b", "c" })
            _h.Runner.On(job, async (ctx, ct) => { await gate.Task.WaitAsync(ct); return ScriptedRunner.Ok(ctx); });
        var executor = _h.Executor(Options with { MaxParallelJobs = 2 });

        var runs = new[] { executor.StartAsync(flow, RunTrigger.Manual, T0), executor.StartAsync(flow, RunTrigger.Manual, T0) };
        await Wait.UntilAsync(() => _h.Runner.Running == 2, "two attempts running");
        Assert.Equal(2, _h.Runner.Calls.Count); // a third at any point would also show in MaxRunning below
        gate.SetResult();

        Assert.All(await Task.WhenAll(runs), r => Assert.Equal(RunStatus.Succeeded, r!.Status));
        Assert.Equal((6, 2), (_h.Runner.Calls.Count, _h.Runner.MaxRunning));
    }

    [Fact]
    public async Task AFailedJobFailsTheRunAndSkipsItsDownstreamJobsWhileAnotherBranchSucceeds()
    {
        var flow = Flow("""
            workflow w {
                job a { run ```1``` } job b { run ```1``` } job c { run ```1``` } job d { run ```1``` } job e { run ```1``` }
                a -> b -> c
                d -> e
            }
            """);
        _h.Runner.FailFirst("a", 1);
        var skipped = new List<string>();
        var executor = _h.Executor();
        executor.JobFinished += j => { if (j.Status == JobStatus.Skipped) lock (skipped) skipped.Add(j.Job); };

        var run = (await executor.StartAsync(flow, RunTrigger.Manual, T0))!;

        var jobs = await _h.JobsAsync(run.RunId);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal([JobStatus.Failed, JobStatus.Skipped, JobStatus.Skipped, JobStatus.Succeeded, JobStatus.Succeeded],
            new[] { "a", "b", "c", "d", "e" }.Select(j => jobs[j].Status));
        Assert.Equal("boom 1", jobs["a"].Error);
        Assert.Equal(["b", "c"], skipped.Order());
        Assert.Empty(_h.Runner.CallsOf("b"));
    }

    [Fact]
    public async Task RetriesWaitTheFixedBackoffOnTheClock()
    {
        var flow = Flow("""workflow w { job a { retries 2 backoff 10s  run ```1``` } }""");
        _h.Runner.FailFirst("a", 2);
        var run = _h.Executor().StartAsync(flow, RunTrigger.Manual, T0);

        await _h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        _h.Time.Advance(TimeSpan.FromSeconds(9)); // the fake clock fires the 10 s backoff only once it is passed
        Assert.Single(_h.Runner.CallsOf("a"));
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        await _h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10), count: 2);
        Assert.Equal(2, _h.Runner.CallsOf("a").Count);
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        var finished = (await run)!;
        var attempts = await _h.Store.GetAttemptsAsync(finished.RunId);
        Assert.Equal(RunStatus.Succeeded, finished.Status);
        Assert.Equal([T0, T0.AddSeconds(10), T0.AddSeconds(20)], attempts.Select(a => a.StartedAt));
        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Failed, AttemptOutcome.Succeeded], attempts.Select(a => a.Outcome));
        Assert.Equal(3, (await _h.JobsAsync(finished.RunId))["a"].Attempts);
    }

    [Fact]
    public async Task ARetriedJobsRunTimeIsItsAttemptsAddedUpWithoutTheBackoffBetweenThem()
    {
        var flow = Flow("""workflow w { job a { retries 1 backoff 10s  run ```1``` } }""");
        // Each attempt runs 2 s on the clock; the first fails.
        _h.Runner.On("a", (c, _) =>
        {
            _h.Time.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(c.Attempt == 1 ? AttemptResult.Failure("boom", []) : ScriptedRunner.Ok(c));
        });
        var executor = _h.Executor();
        JobRecord? reported = null;
        executor.JobFinished += j => reported = j;
        var run = executor.StartAsync(flow, RunTrigger.Manual, T0);

        await _h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        var finished = (await run)!;
        var stored = (await _h.JobsAsync(finished.RunId))["a"];
        Assert.Equal((T0, T0.AddSeconds(14)), (stored.StartedAt, stored.FinishedAt));
        Assert.Equal((TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4)), (reported!.RunTime, stored.RunTime));
    }

    [Fact]
    public async Task JobStartedIsRaisedForEachAttemptAfterItsStartIsRecordedAndBeforeTheJobFinishes()
    {
        var flow = Flow("""workflow w { job a { retries 1 backoff 1s  run ```1``` } job b { run ```1``` } a -> b }""");
        _h.Runner.FailFirst("a", 1);
        var events = new List<string>();
        var executor = _h.Executor();
        executor.JobStarted += j =>
        {
            var stored = _h.Store.GetJobsAsync(j.RunId).GetAwaiter().GetResult().Single(r => r.Job == j.Job);
            lock (events)
                events.Add($"{j.Job} {j.Status} {j.LastAttempt} {j.Attempts} stored:{stored.Status}");
        };
        executor.JobFinished += j => { lock (events) events.Add($"{j.Job} {j.Status}"); };

        var run = executor.StartAsync(flow, RunTrigger.Manual, T0);
        await _h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(RunStatus.Succeeded, (await run)!.Status);
        Assert.Equal(["a Running 1 1 stored:Running", "a Running 2 2 stored:Running", "a Succeeded", "b Running 1 1 stored:Running", "b Succeeded"], events);
    }

    [Fact]
    public async Task ExponentialBackoffDoublesAndAJobFailsWhenItsRetriesAreUsedUp()
    {
        var flow = Flow("""workflow w { job a { retries 2 backoff 10s exponential  run ```1``` } job b { run ```1``` } a -> b }""");
        _h.Runner.FailFirst("a", 99);
        var run = _h.Executor().StartAsync(flow, RunTrigger.Manual, T0);

        await _h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        await _h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(20));
        _h.Time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(2, _h.Runner.CallsOf("a").Count);
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        var finished = (await run)!;
        var jobs = await _h.JobsAsync(finished.RunId);
        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Equal((JobStatus.Failed, 3, "boom 3"), (jobs["a"].Status, jobs["a"].Attempts, jobs["a"].Error));
        Assert.Equal(JobStatus.Skipped, jobs["b"].Status);
        Assert.Equal([T0, T0.AddSeconds(10), T0.AddSeconds(30)], (await _h.Store.GetAttemptsAsync(finished.RunId)).Select(a => a.StartedAt));
    }

    [Fact]
    public async Task OutputsBecomeInputsByNameAndParamsAreTheWorkflowsWithOverrides()
    {
        var flow = Flow("""
            workflow w {
                params { "region": "eu", "batch": 500 }
                job ingest { run ``` return { n: 1 }; ``` }
                job load   { run ``` return inputs.ingest.n; ``` }
                ingest -> load
            }
            """);
        _h.Runner.On("ingest", (c, _) => Task.FromResult(AttemptResult.Success("""{"n":1}""", [])));

        var run = (await _h.Executor().StartAsync(flow, RunTrigger.Manual, T0, """{"batch":7,"dry":true}"""))!;

        var load = Assert.Single(_h.Runner.CallsOf("load"));
        Assert.Equal("""{"n":1}""", load.InputsJson["ingest"]);
        Assert.Equal("""{"region":"eu","batch":7,"dry":true}""", load.ParamsJson);
        Assert.Equal(load.ParamsJson, run.ParamsJson);
        Assert.StartsWith("w@manual-", run.RunId);
        Assert.Equal((RunTrigger.Manual, T0, T0), (run.Trigger, run.ScheduledAt, run.StartedAt));
    }

    [Fact]
    public async Task CancellationRecordsRunningAttemptsAsInterruptedAndAResumeFinishesWithoutRerunningSucceededJobs()
    {
        var flow = Flow("""workflow w { job a { run ```1``` } job b { run ```1``` } a -> b }""");
        _h.Runner.Gate("b");
        using var stop = new CancellationTokenSource();
        var run = _h.Executor().StartAsync(flow, RunTrigger.Schedule, T0, cancellationToken: stop.Token);
        await Wait.UntilAsync(() => _h.Runner.Running == 1 && _h.Runner.CallsOf("b").Count == 1, "b running");

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var runId = RunRecord.ScheduledRunId("w", T0);
        var stopped = (await _h.Store.GetRunAsync(runId))!;
        var jobs = await _h.JobsAsync(runId);
        Assert.Equal(RunStatus.Running, stopped.Status);
        Assert.Equal((JobStatus.Succeeded, JobStatus.Pending, 0), (jobs["a"].Status, jobs["b"].Status, jobs["b"].Attempts));
        Assert.Equal(AttemptOutcome.Interrupted, (await _h.Store.GetAttemptsAsync(runId)).Single(a => a.Job == "b").Outcome);

        _h.Runner.On("b", (c, _) => Task.FromResult(ScriptedRunner.Ok(c)));
        var resumed = await _h.Executor().ResumeAsync(stopped);

        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        Assert.Single(_h.Runner.CallsOf("a"));
        Assert.Equal([1, 2], _h.Runner.CallsOf("b").Select(c => c.Attempt));
        Assert.Equal("""{"job":"a"}""", _h.Runner.CallsOf("b")[1].InputsJson["a"]);
        Assert.Equal(1, (await _h.JobsAsync(runId))["b"].Attempts);
    }

    [Fact]
    public async Task RetryOfAFailedRunRerunsOnlyItsFailedAndSkippedJobsReusingOutputs()
    {
        var flow = Flow("""
            workflow w {
                job a { run ```1``` } job b { run ```1``` } job c { run ```1``` } job d { run ```1``` }
                a -> b -> c
            }
            """);
        _h.Runner.FailFirst("b", 1);
        var executor = _h.Executor();
        var failed = (await executor.StartAsync(flow, RunTrigger.Manual, T0))!;
        Assert.Equal(RunStatus.Failed, failed.Status);

        var retried = (await executor.RetryAsync(failed.RunId))!;

        var jobs = await _h.JobsAsync(failed.RunId);
        Assert.Equal(RunStatus.Succeeded, retried.Status);
        Assert.All(jobs.Values, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        Assert.Equal((1, 2, 1, 1), (_h.Runner.CallsOf("a").Count, _h.Runner.CallsOf("b").Count, _h.Runner.CallsOf("c").Count, _h.Runner.CallsOf("d").Count));
        Assert.Equal("""{"job":"a"}""", _h.Runner.CallsOf("b")[1].InputsJson["a"]);
        Assert.Equal(2, _h.Runner.CallsOf("b")[1].Attempt);
    }

    [Fact]
    public async Task RetryOfOneJobRerunsItAndItsDownstreamJobs()
    {
        var flow = Flow("""workflow w { job a { run ```1``` } job b { run ```1``` } job c { run ```1``` } a -> b -> c }""");
        var executor = _h.Executor();
        var run = (await executor.StartAsync(flow, RunTrigger.Manual, T0))!;

        var retried = (await executor.RetryAsync(run.RunId, "b"))!;

        Assert.Equal(RunStatus.Succeeded, retried.Status);
        Assert.Equal((1, 2, 2), (_h.Runner.CallsOf("a").Count, _h.Runner.CallsOf("b").Count, _h.Runner.CallsOf("c").Count));
        await Assert.ThrowsAsync<ArgumentException>(() => executor.RetryAsync(run.RunId, "nope"));
    }

    [Fact]
    public async Task ASecondStartOfTheSameScheduledInstantReturnsNullAndRunsNothing()
    {
        var flow = Flow(Diamond);
        var executor = _h.Executor();

        var first = await executor.StartAsync(flow, RunTrigger.Schedule, T0);
        var second = await executor.StartAsync(flow, RunTrigger.Catchup, T0);

        Assert.Equal("w@2026-11-28T01:00:00Z", first!.RunId);
        Assert.Null(second);
        Assert.Equal(3, _h.Runner.Calls.Count);
    }

    [Fact]
    public async Task AJobDoesNotHoldItsParallelSlotWhileItsStartIsCommittedAndItsFinishWaitsForTheStart()
    {
        var flow = Flow("""workflow w { job a { run ```1``` } job b { run ```1``` } }""");
        var store = new InterceptedStore(_h.Store);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.BeforeStart("a", () => commit.Task);
        var executor = _h.Executor(Options with { MaxParallelJobs = 1 }, store: store);

        var run = executor.StartAsync(flow, RunTrigger.Manual, T0);

        // a's script ran and gave back its one slot while a's start was still being written, so b could run and finish.
        await Wait.UntilAsync(() => store.Writes.Contains("finish b 1"), "b to finish while a's start is held");
        Assert.Single(_h.Runner.CallsOf("a"));
        Assert.DoesNotContain("finish a 1", store.Writes);
        commit.SetResult();

        Assert.Equal(RunStatus.Succeeded, (await run)!.Status);
        var writes = store.Writes.Where(w => w.EndsWith("a 1")).ToList();
        Assert.Equal(["start a 1", "finish a 1"], writes);
        Assert.Equal(1, _h.Runner.MaxRunning);
    }

    [Fact]
    public async Task AStoreThatRefusesAnAttemptsStartCancelsItsScriptAndTheRunFailsWithTheStoresError()
    {
        var flow = Flow("""workflow w { job a { run ```1``` } job b { run ```1``` } a -> b }""");
        var store = new InterceptedStore(_h.Store);
        var refuse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.BeforeStart("a", async () =>
        {
            await refuse.Task;
            throw new InvalidOperationException("the lease on this run was lost");
        });
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Runner.On("a", async (ctx, ct) =>
        {
            await using (ct.Register(() => cancelled.SetResult()))
                await Task.Delay(Timeout.Infinite, ct);
            return ScriptedRunner.Ok(ctx);
        });

        var run = _h.Executor(store: store).StartAsync(flow, RunTrigger.Manual, T0);
        await Wait.UntilAsync(() => _h.Runner.Running == 1, "a's script running");
        refuse.SetResult();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Contains("lease", error.Message);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(_h.Runner.CallsOf("b"));
        Assert.DoesNotContain(store.Writes, w => w.Contains(" a "));
    }
}
