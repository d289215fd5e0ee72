using System.Diagnostics;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;
using Symbol.Orchestrator.Tests.Execution;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Telemetry;

/// <summary>The spans of runs and attempts (docs/telemetry.md), as an OpenTelemetry exporter receives them. Each test's workflow has a name of its own.</summary>
public sealed class RunTracingTests : IAsyncLifetime
{
    private readonly SpanCapture _spans = new();
    private ExecutorHarness _h = null!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        _spans.Dispose();
    }

    [Fact]
    public async Task ARunOfThreeJobsIsOneRunSpanWithAnAttemptSpanPerJobUnderIt()
    {
        var flow = Flow("""workflow traced_three { job a { run ```1``` } job b { run ```1``` } job c { run ```1``` } a, b -> c }""");

        var run = (await _h.Executor().StartAsync(flow, RunTrigger.Schedule, T0))!;

        var spans = _spans.Of("traced_three");
        var root = Assert.Single(spans, s => s.DisplayName == "run traced_three");
        var jobs = spans.Where(s => s.DisplayName.StartsWith("job ", StringComparison.Ordinal)).OrderBy(s => s.DisplayName).ToList();
        Assert.Equal(["job a", "job b", "job c"], jobs.Select(s => s.DisplayName));
        Assert.All(jobs, j => Assert.Equal((root.TraceId, root.SpanId), (j.TraceId, j.ParentSpanId)));
        Assert.All(jobs, j => Assert.Equal(("traced_three", run.RunId, 1, "succeeded"),
            ((string?)j.GetTagItem(TelemetryTags.Workflow), (string?)j.GetTagItem(TelemetryTags.RunId), (int?)j.GetTagItem(TelemetryTags.JobAttempt),
             (string?)j.GetTagItem(TelemetryTags.JobOutcome))));
        Assert.Equal(["a", "b", "c"], jobs.Select(j => (string?)j.GetTagItem(TelemetryTags.Job)));
        Assert.Equal((ActivityKind.Internal, ActivityStatusCode.Unset), (root.Kind, root.Status));
        Assert.Equal((run.RunId, "schedule", "2026-11-28T01:00:00+00:00", "succeeded", (object?)null),
            ((string?)root.GetTagItem(TelemetryTags.RunId), (string?)root.GetTagItem(TelemetryTags.RunTrigger),
             (string?)root.GetTagItem(TelemetryTags.RunScheduledAt), (string?)root.GetTagItem(TelemetryTags.RunStatus), root.GetTagItem(TelemetryTags.RunResumed)));
        // The run's context is recorded with it: what a resume, a retry or another host continues.
        Assert.Equal(root.Id, (await _h.Store.GetRunAsync(run.RunId))!.TraceParent);
    }

    [Fact]
    public async Task ARetriedJobHasASpanPerAttemptFailedThenSucceeded()
    {
        var flow = Flow("""workflow traced_retry { job a { retries 1  run ```1``` } }""");
        _h.Runner.FailFirst("a", 1);

        await _h.Executor().StartAsync(flow, RunTrigger.Manual, T0);

        var attempts = _spans.Of("traced_retry").Where(s => s.DisplayName == "job a").ToList();
        Assert.Equal([(1, "failed", ActivityStatusCode.Error), (2, "succeeded", ActivityStatusCode.Unset)],
            attempts.Select(s => ((int)s.GetTagItem(TelemetryTags.JobAttempt)!, (string)s.GetTagItem(TelemetryTags.JobOutcome)!, s.Status)));
    }

    [Fact]
    public async Task AFailedJobsSpanIsAnErrorWithItsKindAndItsOneLineMessage()
    {
        var flow = Flow("""workflow traced_failure { job a { run ```1``` } }""");
        _h.Runner.On("a", (_, _) => Task.FromResult(AttemptResult.Failure("TypeError: rows is not a function (at test.flow:1)", [])));

        var run = (await _h.Executor().StartAsync(flow, RunTrigger.Manual, T0))!;

        var spans = _spans.Of("traced_failure");
        var attempt = Assert.Single(spans, s => s.DisplayName == "job a");
        Assert.Equal((ActivityStatusCode.Error, "TypeError: rows is not a function (at test.flow:1)", "TypeError"),
            (attempt.Status, attempt.StatusDescription, (string?)attempt.GetTagItem(TelemetryTags.ErrorType)));
        var root = Assert.Single(spans, s => s.DisplayName == "run traced_failure");
        Assert.Equal((RunStatus.Failed, ActivityStatusCode.Error, "failed"), (run.Status, root.Status, (string?)root.GetTagItem(TelemetryTags.RunStatus)));
    }

    [Fact]
    public async Task ARunResumedAfterItsHostStoppedContinuesItsTrace()
    {
        var flow = Flow("""workflow traced_resume { job a { run ```1``` } job b { run ```1``` } a -> b }""");
        _h.Runner.Gate("b");
        using var stop = new CancellationTokenSource();
        var run = _h.Executor().StartAsync(flow, RunTrigger.Schedule, T0, cancellationToken: stop.Token);
        await Wait.UntilAsync(() => _h.Runner.CallsOf("b").Count == 1, "b running");
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        _h.Runner.On("b", (c, _) => Task.FromResult(ScriptedRunner.Ok(c)));
        var stopped = (await _h.Store.GetRunAsync(RunRecord.ScheduledRunId("traced_resume", T0)))!;
        await _h.Executor().ResumeAsync(stopped);

        var runs = _spans.Of("traced_resume").Where(s => s.DisplayName == "run traced_resume").ToList();
        Assert.Equal(2, runs.Count);
        var (first, again) = (runs[0], runs[1]);
        Assert.Equal((first.TraceId, first.SpanId, true), (again.TraceId, again.ParentSpanId, (bool?)again.GetTagItem(TelemetryTags.RunResumed)));
        Assert.Equal("interrupted", _spans.Of("traced_resume").First(s => s.DisplayName == "job b").GetTagItem(TelemetryTags.JobOutcome));
        Assert.All(_spans.Of("traced_resume"), s => Assert.Equal(first.TraceId, s.TraceId));
    }

    [Fact]
    public async Task ARetriedRunContinuesItsTrace()
    {
        var flow = Flow("""workflow traced_rerun { job a { run ```1``` } }""");
        _h.Runner.FailFirst("a", 1);
        var executor = _h.Executor();
        var failed = (await executor.StartAsync(flow, RunTrigger.Manual, T0))!;

        await executor.RetryAsync(failed.RunId);

        var runs = _spans.Of("traced_rerun").Where(s => s.DisplayName == "run traced_rerun").ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal((runs[0].TraceId, runs[0].SpanId), (runs[1].TraceId, runs[1].ParentSpanId));
        Assert.Equal("succeeded", runs[1].GetTagItem(TelemetryTags.RunStatus));
    }

    [Fact]
    public async Task AFireWhoseRunTheStoreAlreadyHasMakesNoSpan()
    {
        var flow = Flow("""workflow traced_duplicate { job a { run ```1``` } }""");
        var executor = _h.Executor();
        await executor.StartAsync(flow, RunTrigger.Schedule, T0);

        Assert.Null(await executor.StartAsync(flow, RunTrigger.Schedule, T0));

        Assert.Single(_spans.Of("traced_duplicate"), s => s.DisplayName == "run traced_duplicate");
    }
}
