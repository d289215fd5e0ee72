using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// A run's handlers, once its jobs are done: the one for the run's outcome (<c>on failure</c> or <c>on success</c>), then
/// <c>on exit</c>, one at a time; a handler that does not apply is recorded skipped. A handler is attempted as a job is
/// (<see cref="JobAttempts"/>) and recorded as one, under its name; whether it succeeds changes nothing else, since the
/// run's status is the outcome it was given. A handler already final (in a resumed run) is not run again.
/// </summary>
internal sealed class RunHandlers
{
    private readonly RunExecutor.Services _services;
    private readonly RunRecord _run;
    private readonly WorkflowDefinition _workflow;
    private readonly Dictionary<string, JobRecord> _records;
    private readonly JobAttempts _attempts;
    private readonly RunLease _lease;

    /// <param name="records">The run's job records, its handlers' among them.</param>
    public RunHandlers(RunExecutor.Services services, RunRecord run, RunLease lease, WorkflowDefinition workflow, IReadOnlyList<JobRecord> records)
    {
        _services = services;
        _run = run;
        _workflow = workflow;
        _records = records.Where(r => HandlerDefinition.IsHandlerName(r.Job)).ToDictionary(r => r.Job, StringComparer.Ordinal);
        foreach (var handler in workflow.Handlers)
            if (!_records.ContainsKey(handler.Name))
                // A run created with the jobs' names alone (not WorkflowDefinition.RunRecordNames) cannot record its handlers.
                throw new InvalidOperationException($"Run '{run.RunId}' records no handler '{handler.Name}' that its definition declares.");
        _lease = lease;
        _attempts = new JobAttempts(services, run, lease, workflow, handlers: true, CancellationToken.None);
    }

    /// <summary>
    /// Runs the handlers for <paramref name="outcome"/> (<see cref="RunStatus.Succeeded"/>, <see cref="RunStatus.Failed"/> or
    /// <see cref="RunStatus.Cancelled"/>, which only <c>on exit</c> answers) given the jobs' final <paramref name="jobs"/>.
    /// Throws <see cref="OperationCanceledException"/>, with handlers left pending, when the host stops before they could run.
    /// </summary>
    public async Task RunAsync(RunStatus outcome, IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken)
    {
        if (_workflow.Handlers.Count == 0)
            return;
        await SkipAsync(outcome).ConfigureAwait(false);
        var context = Context(outcome, jobs);
        foreach (var handler in _workflow.Handlers.Where(h => Applies(h.When, outcome)))
        {
            var record = _records[handler.Name];
            if (record.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Skipped)
                continue;
            // Left running by a host that stopped between its attempts: pending again, as a job would be.
            if (record.Status == JobStatus.Running)
                record = record with { Status = JobStatus.Pending };
            var ended = await _attempts.RunAsync(handler.Job, record, attempt => context(handler.Name, attempt), cancellationToken).ConfigureAwait(false);
            if (ended.Status == JobStatus.Pending)
                throw new OperationCanceledException($"Run '{_run.RunId}' stopped before its handler '{handler.Name}' ran: the host is stopping.", _services.NoNewJobs);
            _records[handler.Name] = ended;
            _services.Finished(ended);
            RunTelemetry.JobFinished(_run.Workflow, ended.Status);
        }
    }

    /// <summary>Whether a handler of <paramref name="kind"/> runs after a run that ended <paramref name="outcome"/>.</summary>
    public static bool Applies(HandlerKind kind, RunStatus outcome) => kind switch
    {
        HandlerKind.Failure => outcome == RunStatus.Failed,
        HandlerKind.Success => outcome == RunStatus.Succeeded,
        _ => true,
    };

    private async Task SkipAsync(RunStatus outcome)
    {
        var skipped = _workflow.Handlers
            .Where(h => !Applies(h.When, outcome) && _records[h.Name].Status is JobStatus.Pending or JobStatus.Running)
            .Select(h => h.Name)
            .ToArray();
        if (skipped.Length == 0)
            return;
        await _services.Store.SetJobStatusAsync(_run.RunId, skipped, JobStatus.Skipped, _lease.Token, CancellationToken.None).ConfigureAwait(false);
        foreach (var name in skipped)
        {
            _records[name] = _records[name] with { Status = JobStatus.Skipped };
            _services.Logger.HandlerSkipped(_run.RunId, name, EnumText.Name(outcome));
            // Not counted as a job skipped: a handler that does not apply to the outcome (on success, after a failure) never was to run.
            _services.Finished(_records[name]);
        }
    }

    /// <summary>
    /// What a handler's script sees: <c>inputs</c> and <c>outputs</c> are every succeeded job's output, and <c>run</c> has the
    /// run's <c>status</c> and <c>failed</c> (each failed job's error), the same for every attempt.
    /// </summary>
    private Func<string, int, AttemptContext> Context(RunStatus outcome, IReadOnlyList<JobRecord> jobs)
    {
        var outputs = jobs.Where(j => j.Status == JobStatus.Succeeded).ToDictionary(j => j.Job, j => j.OutputJson ?? "null", StringComparer.Ordinal);
        var failed = jobs.Where(j => j.Status == JobStatus.Failed).ToDictionary(j => j.Job, j => j.Error ?? "", StringComparer.Ordinal);
        var runOutcome = new RunOutcome(EnumText.Name(outcome), failed);
        return (name, attempt) => new AttemptContext(_run.RunId, _run.Workflow, name, _run.ScheduledAt, attempt, _run.ParamsJson, outputs)
        {
            OutputsJson = outputs,
            Outcome = runOutcome,
        };
    }
}
