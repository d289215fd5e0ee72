using System.Diagnostics;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Telemetry;

/// <summary>
/// The spans and measurements of runs and their jobs' attempts (docs/telemetry.md). Each method first asks whether anyone listens
/// (<see cref="ActivitySource.HasListeners"/>, <see cref="System.Diagnostics.Metrics.Instrument.Enabled"/>): with nobody, it
/// builds no name, tag or array.
/// </summary>
internal static class RunTelemetry
{
    /// <summary>
    /// The span of a run being created, started now but not made current: the caller (a host's fire loop) goes on with other
    /// fires. Its <see cref="Activity.Id"/> is the <c>traceparent</c> the run is recorded with; null when nobody traces.
    /// </summary>
    public static Activity? StartCreated(string workflow, string runId, RunTrigger trigger, DateTimeOffset scheduledAt)
    {
        if (!OrchestratorTelemetry.Source.HasListeners())
            return null;
        // A root: a run outlives whatever asked for it (an API request, whose span may not even be sampled), and is a trace of its own.
        var previous = Activity.Current;
        Activity.Current = null;
        var span = OrchestratorTelemetry.Source.StartActivity($"run {workflow}", ActivityKind.Internal);
        Activity.Current = previous;
        if (span is { IsAllDataRequested: true })
            TagRun(span, workflow, runId, trigger, scheduledAt);
        return span;
    }

    /// <summary>
    /// The span of a run this host works on again (resumed, retried, taken from the queue or over from another host): a child of
    /// the context the run was recorded with, so the run's work on every host is one trace. It becomes the current span.
    /// </summary>
    public static Activity? StartAgain(RunRecord run, bool resumed)
    {
        if (!OrchestratorTelemetry.Source.HasListeners())
            return null;
        // A run recorded while nobody traced, or with a context that does not parse, starts a trace of its own.
        if (!ActivityContext.TryParse(run.TraceParent, null, out var parent))
            Activity.Current = null;
        var span = OrchestratorTelemetry.Source.StartActivity($"run {run.Workflow}", ActivityKind.Internal, parent);
        if (span is { IsAllDataRequested: true })
        {
            TagRun(span, run.Workflow, run.RunId, run.Trigger, run.ScheduledAt);
            if (resumed)
                span.SetTag(TelemetryTags.RunResumed, true);
        }
        return span;
    }

    /// <summary>Ends a created run's span that will not run (the store had the run already, or the workflow was at its limit): it is not exported.</summary>
    public static void Discard(Activity? span)
    {
        if (span is null)
            return;
        span.IsAllDataRequested = false;
        span.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        span.Stop();
    }

    /// <summary>Ends a run's span with the status the run reached; a failed run's span is an error.</summary>
    public static void EndRun(Activity? span, RunStatus status)
    {
        if (span is null)
            return;
        if (span.IsAllDataRequested)
        {
            span.SetTag(TelemetryTags.RunStatus, EnumText.Name(status));
            if (status == RunStatus.Failed)
                span.SetStatus(ActivityStatusCode.Error, "the run failed");
        }
        span.Stop();
    }

    /// <summary>Ends a run's span that stopped without a status: the host stopped under it, or another host took it over.</summary>
    public static void EndUnfinished(Activity? span, Exception error)
    {
        if (span is null)
            return;
        if (span.IsAllDataRequested)
        {
            span.SetTag(TelemetryTags.ErrorType, error.GetType().FullName);
            span.SetStatus(ActivityStatusCode.Error, error.Message);
        }
        span.Stop();
    }

    /// <summary>A run this host began to work on; <see cref="RunEnded"/> balances it however the run ends.</summary>
    public static void RunEntered(string workflow)
    {
        if (OrchestratorMetrics.RunsActive.Enabled)
            OrchestratorMetrics.RunsActive.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Workflow, workflow));
    }

    public static void RunEnded(string workflow)
    {
        if (OrchestratorMetrics.RunsActive.Enabled)
            OrchestratorMetrics.RunsActive.Add(-1, new KeyValuePair<string, object?>(TelemetryTags.Workflow, workflow));
    }

    /// <summary>A run this host finished, with its final status, and its time on this host.</summary>
    public static void RunFinished(string workflow, RunStatus status, TimeSpan elapsed)
    {
        if (!OrchestratorMetrics.Runs.Enabled && !OrchestratorMetrics.RunDuration.Enabled)
            return;
        var tags = (new KeyValuePair<string, object?>(TelemetryTags.Workflow, workflow),
            new KeyValuePair<string, object?>(TelemetryTags.RunStatus, EnumText.Name(status)));
        OrchestratorMetrics.Runs.Add(1, tags.Item1, tags.Item2);
        OrchestratorMetrics.RunDuration.Record(elapsed.TotalSeconds, tags.Item1, tags.Item2);
    }

    /// <summary>A job reached its final state (succeeded, failed, skipped or cancelled).</summary>
    public static void JobFinished(string workflow, JobStatus status)
    {
        if (OrchestratorMetrics.Jobs.Enabled)
            OrchestratorMetrics.Jobs.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Workflow, workflow),
                new KeyValuePair<string, object?>(TelemetryTags.JobStatus, EnumText.Name(status)));
    }

    /// <summary>The span of one attempt at a job (or a handler), a child of the run's span, made current for the script's calls.</summary>
    public static Activity? StartAttempt(RunRecord run, string job, int attempt)
    {
        if (!OrchestratorTelemetry.Source.HasListeners())
            return null;
        var span = OrchestratorTelemetry.Source.StartActivity($"job {job}", ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.Workflow, run.Workflow);
            span.SetTag(TelemetryTags.RunId, run.RunId);
            span.SetTag(TelemetryTags.Job, job);
            span.SetTag(TelemetryTags.JobAttempt, attempt);
        }
        return span;
    }

    /// <summary>
    /// Ends an attempt: its span with the outcome (a failure's one-line error as the span's status), and, for an attempt that
    /// ended (not one a stopping host interrupted), its duration by the job's status it reached.
    /// </summary>
    public static void EndAttempt(Activity? span, string workflow, AttemptOutcome outcome, string? error, TimeSpan elapsed)
    {
        if (span is not null)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag(TelemetryTags.JobOutcome, EnumText.Name(outcome));
                if (outcome == AttemptOutcome.Failed)
                {
                    span.SetTag(TelemetryTags.ErrorType, ErrorType(error));
                    span.SetStatus(ActivityStatusCode.Error, error);
                }
            }
            span.Stop();
        }
        if (outcome != AttemptOutcome.Interrupted && OrchestratorMetrics.JobDuration.Enabled)
            OrchestratorMetrics.JobDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(TelemetryTags.Workflow, workflow),
                new KeyValuePair<string, object?>(TelemetryTags.JobStatus, EnumText.Name(outcome)));
    }

    // An attempt's error reads "timeout: …", "TypeError: …" or "Error: empty (at etl.flow:27)": its kind is the word before the
    // first colon, a low-cardinality text; anything else ("statement limit of … exceeded", a thrown string) is of no named kind.
    private static string ErrorType(string? error)
    {
        var colon = error?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon is > 0 and <= 40 && !error.AsSpan(0, colon).Contains(' ') ? error![..colon] : "_OTHER";
    }

    private static void TagRun(Activity span, string workflow, string runId, RunTrigger trigger, DateTimeOffset scheduledAt)
    {
        span.SetTag(TelemetryTags.Workflow, workflow);
        span.SetTag(TelemetryTags.RunId, runId);
        span.SetTag(TelemetryTags.RunTrigger, EnumText.Name(trigger));
        span.SetTag(TelemetryTags.RunScheduledAt, Iso.Format(scheduledAt.ToUniversalTime()));
    }
}
