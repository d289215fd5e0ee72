using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// Runs workflows as DAGs of jobs (docs/semantics.md): independent jobs in parallel, at most
/// <see cref="ExecutorOptions.MaxParallelJobs"/> attempts at once across all its runs; retries wait on the
/// <see cref="TimeProvider"/>; every step is recorded in the <see cref="IStateStore"/> before anything
/// downstream starts. Cancelling a run records its running attempts as interrupted, leaves the run
/// running for the next start to resume, and throws <see cref="OperationCanceledException"/>.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The stop signal's source has no timer and no linked token: nothing to release.")]
public sealed class RunExecutor
{
    private readonly Services _services;
    private readonly ExecutorOptions _options;
    private readonly CancellationTokenSource _noNewJobs = new();
    private readonly Lock _leaseLock = new();
    private int _activeRuns;
    private ITimer? _renewal;

    /// <param name="scriptLogger">Where the lines scripts log go, besides the store (the host's <c>Symbol.Orchestrator.Script</c>); none by default.</param>
    public RunExecutor(IStateStore store, IJobRunner runner, TimeProvider time, ExecutorOptions options, ILogger<RunExecutor>? logger = null,
        ILogger? scriptLogger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxParallelJobs);
        _options = options;
        _services = new Services(store, runner, time, new SemaphoreSlim(options.MaxParallelJobs), logger ?? (ILogger)NullLogger.Instance,
            scriptLogger ?? NullLogger.Instance, RaiseStarted, RaiseFinished, _noNewJobs.Token);
    }

    /// <summary>Who this executor is to the store, and for how long it leases the runs it works on.</summary>
    internal ExecutorOptions Options => _options;

    /// <summary>
    /// A host is stopping: no job, and no retry of one, starts from now on; the attempts running carry on. A run left
    /// with jobs not started stops as a cancelled one does (<see cref="OperationCanceledException"/>, the run still
    /// running in the store), so the next start resumes it, as after a crash.
    /// </summary>
    internal void StopStartingJobs() => _noNewJobs.Cancel();

    /// <summary>Raised when a job of any run reaches its final state (succeeded, failed or skipped), after it is recorded.</summary>
    public event Action<JobRecord>? JobFinished;

    /// <summary>
    /// Raised when an attempt at a job of any run has started, after its start is recorded: the job's record is
    /// <see cref="JobStatus.Running"/>, its <see cref="JobRecord.LastAttempt"/> the attempt's number. A progress view's hook.
    /// </summary>
    public event Action<JobRecord>? JobStarted;

    /// <summary>
    /// Creates a run of <paramref name="workflow"/> and runs it to its end. A manual run gets a fresh id
    /// (<c>etl@manual-…</c>); a scheduled or caught-up one the id of (workflow, <paramref name="scheduledAt"/>),
    /// and null is returned without running anything when the store already has that run.
    /// </summary>
    /// <param name="paramsOverrideJson">A JSON object laid over the workflow's <c>params</c>, key by key.</param>
    public async Task<RunRecord?> StartAsync(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt,
        string? paramsOverrideJson = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var run = await CreateAsync(workflow, trigger, scheduledAt, paramsOverrideJson).ConfigureAwait(false);
        return run is null ? null : await RunCreatedAsync(run, workflow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first half of <see cref="StartAsync"/>: records the run (running, its jobs pending) and returns it, or null
    /// when the store already has that run. A host that must know a fire is recorded before it records the next one
    /// (its watermark moves with each scheduled run) creates, then runs with <see cref="RunCreatedAsync"/>.
    /// </summary>
    internal async Task<RunRecord?> CreateAsync(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt, string? paramsOverrideJson = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var now = _services.Time.GetUtcNow();
        var runId = trigger == RunTrigger.Manual
            ? $"{workflow.Name}@manual-{Guid.CreateVersion7(now):N}"
            : RunRecord.ScheduledRunId(workflow.Name, scheduledAt);
        var run = new RunRecord(runId, workflow.Name, RunStatus.Running, trigger, scheduledAt, now, null,
            workflow.Position.Path, RunDefinition.Capture(workflow), RunParams.Merge(workflow.ParamsJson, paramsOverrideJson));
        return await _services.Store.TryCreateRunAsync(run, workflow.Jobs.Select(j => j.Name).ToArray(), _options.Owner, _options.Lease, CancellationToken.None).ConfigureAwait(false)
            ? run
            : null;
    }

    /// <summary>Runs to its end a run that <see cref="CreateAsync"/> just created from <paramref name="workflow"/>.</summary>
    internal Task<RunRecord> RunCreatedAsync(RunRecord run, WorkflowDefinition workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(workflow);
        var jobs = workflow.Jobs.Select(j => new JobRecord(run.RunId, j.Name, JobStatus.Pending, 0, null, null, null, null)).ToArray();
        return ExecuteAsync(run, workflow, jobs, cancellationToken);
    }

    /// <summary>
    /// Takes a queued run (<see cref="RunRecord.IsQueued"/>, a backfill's) for this executor: leased and running from now, in one
    /// write. Null, with nothing changed, when it is queued no more (another taker has it). Run it with <see cref="RunTakenAsync"/>.
    /// </summary>
    internal async Task<RunRecord?> TakeQueuedAsync(RunRecord queued)
    {
        ArgumentNullException.ThrowIfNull(queued);
        var now = _services.Time.GetUtcNow();
        return await _services.Store.TryTakeQueuedRunAsync(queued.RunId, _options.Owner, _options.Lease, now, CancellationToken.None).ConfigureAwait(false)
            ? queued with { Status = RunStatus.Running, StartedAt = now, LeaseOwner = _options.Owner }
            : null;
    }

    /// <summary>
    /// Runs to its end a run <see cref="TakeQueuedAsync"/> took, with the definition it recorded: its jobs are all pending, since
    /// nobody ran it before, so nothing is read back but the definition (compiled once for a backfill's many runs).
    /// </summary>
    internal Task<RunRecord> RunTakenAsync(RunRecord run, CancellationToken cancellationToken = default) =>
        RunCreatedAsync(run, RunDefinition.Load(run, CompileOptionsNow()), cancellationToken);

    /// <summary>
    /// Continues a run left running (a restart, or another host's expired lease) with the definition it
    /// recorded: succeeded jobs keep their outputs, attempts still marked running are recorded as interrupted
    /// (they do not use up a retry), and the rest run. A run that has already finished is returned as it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another owner holds the run's lease, or its definition no longer compiles.</exception>
    public async Task<RunRecord> ResumeAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var store = _services.Store;
        if (run.Status is not (RunStatus.Running or RunStatus.Pending))
            return run;
        await LeaseAsync(run.RunId).ConfigureAwait(false);
        var workflow = RunDefinition.Load(run, CompileOptionsNow());
        foreach (var attempt in (await store.GetAttemptsAsync(run.RunId, cancellationToken).ConfigureAwait(false)).Where(a => a.Outcome == AttemptOutcome.Running))
            await store.FinishAttemptAsync(new AttemptFinish(run.RunId, attempt.Job, attempt.Attempt, AttemptOutcome.Interrupted,
                _services.Time.GetUtcNow(), null, "interrupted: the run was resumed", attempt.Logs, JobStatus.Pending), CancellationToken.None).ConfigureAwait(false);
        if (run.Status == RunStatus.Pending)
            await store.SetRunStatusAsync(run.RunId, RunStatus.Running, _services.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        var jobs = await store.GetJobsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(run, workflow, jobs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a finished run again: its failed and skipped jobs, or <paramref name="job"/> and every job
    /// downstream of it, with the definition it recorded, reusing the outputs of the jobs that succeeded.
    /// </summary>
    /// <returns>The run once it finished again; null when it has no failed or skipped job to run again (a run that succeeded), and nothing was changed.</returns>
    /// <exception cref="InvalidOperationException">No such run, it has not finished, or another owner holds it.</exception>
    /// <exception cref="ArgumentException">The run has no job named <paramref name="job"/>.</exception>
    public async Task<RunRecord?> RetryAsync(string runId, string? job = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var store = _services.Store;
        var run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The store holds no run '{runId}'.");
        if (run.Status is RunStatus.Running or RunStatus.Pending)
            throw new InvalidOperationException($"Run '{runId}' is still {EnumText.Name(run.Status)}; only a finished run can be retried.");
        var workflow = RunDefinition.Load(run, CompileOptionsNow());
        var jobs = await store.GetJobsAsync(runId, cancellationToken).ConfigureAwait(false);
        var again = job is null
            ? jobs.Where(j => j.Status is JobStatus.Failed or JobStatus.Skipped).Select(j => j.Job).ToList()
            : WithDownstream(workflow, job);
        if (again.Count == 0)
            return null;
        await LeaseAsync(runId).ConfigureAwait(false);
        await store.SetJobStatusAsync(runId, again, JobStatus.Pending, CancellationToken.None).ConfigureAwait(false);
        await store.SetRunStatusAsync(runId, RunStatus.Running, _services.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        jobs = await store.GetJobsAsync(runId, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(run with { Status = RunStatus.Running, FinishedAt = null }, workflow, jobs, cancellationToken).ConfigureAwait(false);
    }

    private static List<string> WithDownstream(WorkflowDefinition workflow, string job)
    {
        if (workflow.FindJob(job) is null)
            // No parameter name: `retry` prints the message, and "(Parameter 'job')" means nothing to its user.
            throw new ArgumentException($"Workflow '{workflow.Name}' has no job '{job}' (its jobs: {string.Join(", ", workflow.Jobs.Select(j => j.Name))}).");
        var chosen = new HashSet<string>(StringComparer.Ordinal) { job };
        // Jobs are declared in any order, so sweep until nothing is added (a workflow has tens of jobs, not thousands).
        for (var added = true; added;)
        {
            added = false;
            foreach (var candidate in workflow.Jobs)
                if (!chosen.Contains(candidate.Name) && candidate.Upstream.Any(chosen.Contains))
                    added = chosen.Add(candidate.Name);
        }
        return workflow.Jobs.Select(j => j.Name).Where(chosen.Contains).ToList();
    }

    private async Task<RunRecord> ExecuteAsync(RunRecord run, WorkflowDefinition workflow, IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken)
    {
        var execution = new RunExecution(_services, run, workflow, jobs);
        var logger = _services.Logger;
        logger.RunStarted(run.RunId, jobs.Count(j => j.Status != JobStatus.Succeeded));
        EnterRun();
        try
        {
            bool succeeded;
            try
            {
                succeeded = await execution.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || _noNewJobs.IsCancellationRequested)
            {
                logger.RunInterrupted(run.RunId);
                throw;
            }
            var status = succeeded ? RunStatus.Succeeded : RunStatus.Failed;
            await _services.Store.SetRunStatusAsync(run.RunId, status, _services.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            logger.RunFinished(run.RunId, EnumText.Name(status));
            return await _services.Store.GetRunAsync(run.RunId, CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run '{run.RunId}' vanished from the store.");
        }
        finally
        {
            LeaveRun();
        }
    }

    private async Task LeaseAsync(string runId)
    {
        if (!await _services.Store.TryLeaseRunAsync(runId, _options.Owner, _options.Lease, CancellationToken.None).ConfigureAwait(false))
            throw new InvalidOperationException($"Run '{runId}' is leased to another owner than {_options.Owner}; it can be taken over once that lease expires.");
    }

    // The timezone only matters to schedules, which a run no longer needs; the recorded text keeps its own.
    private CompileOptions CompileOptionsNow() => new(TimeZoneInfo.Utc, _services.Time.GetUtcNow());

    // One renewal timer for all active runs: the store renews every lease of this owner in one write.
    private void EnterRun()
    {
        lock (_leaseLock)
        {
            if (_activeRuns++ == 0)
            {
                var period = _options.Lease / 3;
                _renewal = _services.Time.CreateTimer(_ => _ = RenewAsync(), null, period, period);
            }
        }
    }

    private void LeaveRun()
    {
        lock (_leaseLock)
        {
            if (--_activeRuns == 0)
            {
                _renewal?.Dispose();
                _renewal = null;
            }
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            await _services.Store.RenewLeasesAsync(_options.Owner, _options.Lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _services.Logger.RenewFailed(e, _options.Owner);
        }
    }

    private void RaiseStarted(JobRecord job) => Raise(JobStarted, job);

    private void RaiseFinished(JobRecord job) => Raise(JobFinished, job);

    private void Raise(Action<JobRecord>? handlers, JobRecord job)
    {
        if (handlers is null)
            return;
        try
        {
            handlers(job);
        }
        catch (Exception e)
        {
            // A progress view that throws must not fail the run it watches.
            _services.Logger.HandlerFailed(e, job.RunId, job.Job);
        }
    }

    /// <summary>What every run of one executor shares: the store, the runner, the clock, the parallel-job slots and the logs.</summary>
    internal sealed record Services(IStateStore Store, IJobRunner Runner, TimeProvider Time, SemaphoreSlim Slots, ILogger Logger,
        ILogger ScriptLogger, Action<JobRecord> Started, Action<JobRecord> Finished, CancellationToken NoNewJobs);
}
