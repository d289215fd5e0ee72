using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// Runs workflows as DAGs of jobs (docs/semantics.md): independent jobs in parallel, at most
/// <see cref="ExecutorOptions.MaxParallelJobs"/> attempts at once across all its runs; retries wait on the
/// <see cref="TimeProvider"/>; every step is recorded in the <see cref="IStateStore"/> before anything
/// downstream starts; then the run's handlers (<see cref="RunHandlers"/>), and only then its status. Cancelling the
/// token given to a run (a host stopping) records its running attempts as interrupted, leaves the run running for the
/// next start to resume, and throws <see cref="OperationCanceledException"/>. A cancel of the run itself
/// (<see cref="IStateStore.RequestCancelAsync"/>, read from the store every <see cref="CancelPollInterval"/> while runs are
/// active) ends it: running attempts are cancelled, jobs not started skipped, its <c>on exit</c> handler runs, and the run
/// is recorded <see cref="RunStatus.Cancelled"/>. Every write about a run carries the lease token this executor claimed it
/// under; when the store refuses one (<see cref="LeaseLostException"/>: another host took the run over after this one's lease
/// ran out), the executor stops working on the run at once, makes no further write about it, logs a warning once, and the
/// run's task ends with that exception.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The stop signal's source has no timer and no linked token: nothing to release.")]
public sealed class RunExecutor
{
    private readonly Services _services;
    private readonly ExecutorOptions _options;
    private readonly CancellationTokenSource _noNewJobs = new();
    private readonly Lock _leaseLock = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _cancels = new(StringComparer.Ordinal);
    // The span of each run CreateAsync made, until RunCreatedAsync runs it; keyed by the record it returned, so a run never run
    // (the host stopped between the two) leaves nothing behind.
    private readonly ConditionalWeakTable<RunRecord, Activity> _createdSpans = [];
    private int _activeRuns;
    private int _polling;
    private ITimer? _renewal;
    private ITimer? _cancelPoll;

    /// <summary>
    /// How often the executor reads the store for cancel requests on its runs while it has any: a quarter of the second
    /// within which <c>orchestrator cancel</c> must take effect, wherever the run is held (the host, a <c>trigger</c>).
    /// </summary>
    public static readonly TimeSpan CancelPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Why a job of a cancelled run was skipped, as <c>trigger</c>, <c>show</c> and <c>cancel</c> print it.</summary>
    public const string NotStartedReason = "not started: the run was cancelled";

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
            scriptLogger ?? NullLogger.Instance, RaiseStarted, RaiseRetrying, RaiseFinished, _noNewJobs.Token);
    }

    /// <summary>Who this executor is to the store, and for how long it leases the runs it works on.</summary>
    internal ExecutorOptions Options => _options;

    /// <summary>
    /// A host is stopping: no job, and no retry of one, starts from now on; the attempts running carry on. A run left
    /// with jobs not started stops as a cancelled one does (<see cref="OperationCanceledException"/>, the run still
    /// running in the store), so the next start resumes it, as after a crash.
    /// </summary>
    internal void StopStartingJobs() => _noNewJobs.Cancel();

    /// <summary>
    /// Raised when a job of any run reaches its final state (succeeded, failed, skipped or cancelled), after it is recorded.
    /// A job skipped by a cancel of its run carries the reason as its <see cref="JobRecord.Error"/>, which the store does not keep.
    /// </summary>
    public event Action<JobRecord>? JobFinished;

    /// <summary>
    /// Raised when an attempt at a job of any run has started, after its start is recorded: the job's record is
    /// <see cref="JobStatus.Running"/>, its <see cref="JobRecord.LastAttempt"/> the attempt's number. A progress view's hook.
    /// </summary>
    public event Action<JobRecord>? JobStarted;

    /// <summary>
    /// Raised when an attempt at a job failed, is recorded, and another attempt follows after the backoff: the record is
    /// <see cref="JobStatus.Pending"/>, its <see cref="JobRecord.LastAttempt"/> the attempt that failed.
    /// </summary>
    public event Action<JobRecord>? JobRetrying;

    /// <summary>Raised when this executor begins to work on a run (created, resumed, retried or taken from the queue): the run as it starts, running.</summary>
    public event Action<RunRecord>? RunStarted;

    /// <summary>Raised when a run this executor worked on has ended and its status is recorded: the run as the store has it.</summary>
    public event Action<RunRecord>? RunFinished;

    /// <summary>
    /// Creates a run of <paramref name="workflow"/> and runs it to its end. A manual run gets a fresh id
    /// (<c>etl@manual-…</c>); a scheduled or caught-up one the id of (workflow, <paramref name="scheduledAt"/>),
    /// and null is returned without running anything when the store already has that run, or when the workflow already
    /// has <paramref name="maxActive"/> active runs (counted by the store in the same write that would create this one).
    /// </summary>
    /// <param name="paramsOverrideJson">A JSON object laid over the workflow's <c>params</c>, key by key.</param>
    /// <param name="maxActive">The bound on the workflow's active runs this run must fit in (its <c>concurrency</c>); none when null.</param>
    public async Task<RunRecord?> StartAsync(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt,
        string? paramsOverrideJson = null, int? maxActive = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (outcome, run) = await CreateAsync(workflow, trigger, scheduledAt, paramsOverrideJson, maxActive).ConfigureAwait(false);
        return outcome != RunCreation.Created ? null : await RunCreatedAsync(run, workflow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first half of <see cref="StartAsync"/>: records the run (running, its jobs pending) and returns it with
    /// <see cref="RunCreation.Created"/>, or says why nothing was created. A host that must know a fire is recorded before it
    /// records the next one (its watermark moves with each scheduled run) creates, then runs with <see cref="RunCreatedAsync"/>; so does
    /// <c>trigger</c>, to refuse a run at the limit before it shows any.
    /// </summary>
    public async Task<(RunCreation Outcome, RunRecord Run)> CreateAsync(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt,
        string? paramsOverrideJson = null, int? maxActive = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var now = _services.Time.GetUtcNow();
        var runId = trigger == RunTrigger.Manual
            ? $"{workflow.Name}@manual-{Guid.CreateVersion7(now):N}"
            : RunRecord.ScheduledRunId(workflow.Name, scheduledAt);
        var span = RunTelemetry.StartCreated(workflow.Name, runId, trigger, scheduledAt);
        var run = new RunRecord(runId, workflow.Name, RunStatus.Running, trigger, scheduledAt, now, null,
            workflow.Position.Path, RunDefinition.Capture(workflow), RunParams.Merge(workflow.ParamsJson, paramsOverrideJson)) { TraceParent = span?.Id };
        // Handlers are recorded as jobs after the run's jobs, under names no job can have ("on failure").
        var outcome = await _services.Store.TryCreateRunAsync(run, workflow.RunRecordNames.ToArray(), _options.Owner, _options.Lease, maxActive, CancellationToken.None)
            .ConfigureAwait(false);
        run = run with { LeaseToken = 1 };
        if (outcome == RunCreation.Created && span is not null)
            _createdSpans.AddOrUpdate(run, span);
        else
            RunTelemetry.Discard(span);
        return (outcome, run);
    }

    /// <summary>Runs to its end a run that <see cref="CreateAsync"/> just created from <paramref name="workflow"/>.</summary>
    public Task<RunRecord> RunCreatedAsync(RunRecord run, WorkflowDefinition workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(workflow);
        var jobs = workflow.RunRecordNames.Select(name => new JobRecord(run.RunId, name, JobStatus.Pending, 0, null, null, null, null)).ToArray();
        return ExecuteAsync(run, workflow, jobs, resumed: false, cancellationToken);
    }

    /// <summary>
    /// Takes a queued run (<see cref="RunRecord.IsQueued"/>, a backfill's) for this executor: leased and running from now, in one
    /// write. Null, with nothing changed, when it is queued no more (another taker has it), or its workflow has <paramref name="maxActive"/>
    /// active runs. Run it with <see cref="RunTakenAsync"/>.
    /// </summary>
    internal async Task<RunRecord?> TakeQueuedAsync(RunRecord queued, int? maxActive = null)
    {
        ArgumentNullException.ThrowIfNull(queued);
        var now = _services.Time.GetUtcNow();
        return await _services.Store.TryTakeQueuedRunAsync(queued.RunId, _options.Owner, _options.Lease, now, maxActive, CancellationToken.None).ConfigureAwait(false) is { } token
            ? queued with { Status = RunStatus.Running, StartedAt = now, LeaseOwner = _options.Owner, LeaseToken = token }
            : null;
    }

    /// <summary>Whether <paramref name="runId"/> is still queued: why <see cref="TakeQueuedAsync"/> refused it (the limit, or another taker).</summary>
    internal async Task<bool> IsQueuedAsync(string runId) =>
        await _services.Store.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false) is { IsQueued: true };

    /// <summary>
    /// Runs to its end a run <see cref="TakeQueuedAsync"/> took, with the definition it recorded: its jobs are all pending, since
    /// nobody ran it before, so nothing is read back but the definition (compiled once for a backfill's many runs).
    /// </summary>
    internal Task<RunRecord> RunTakenAsync(RunRecord run, CancellationToken cancellationToken = default) =>
        RunCreatedAsync(run, RunDefinition.Load(run, CompileOptionsNow()), cancellationToken);

    /// <summary>
    /// Continues a run left running (a restart, or another host's expired lease) with the definition it
    /// recorded: succeeded jobs keep their outputs, attempts still marked running are recorded as interrupted
    /// (they do not use up a retry), and the rest run. A run that has already finished is returned as it is. A run
    /// someone asked to cancel (<see cref="RunRecord.CancelRequestedAt"/>) is cancelled at once instead: its stale
    /// attempts are recorded cancelled and none of its jobs runs; that is how <c>orchestrator cancel</c> ends a run nobody holds.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another owner holds the run's lease, or its definition no longer compiles.</exception>
    public async Task<RunRecord> ResumeAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var store = _services.Store;
        if (run.Status is not (RunStatus.Running or RunStatus.Pending))
            return run;
        var token = await LeaseAsync(run.RunId).ConfigureAwait(false);
        // Read again under the lease: since the caller read it, the run may have finished or been asked to stop.
        run = (await store.GetRunAsync(run.RunId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The store holds no run '{run.RunId}'.")) with { LeaseToken = token };
        if (run.IsFinished)
            return run;
        var workflow = RunDefinition.Load(run, CompileOptionsNow());
        // A run asked to stop while nobody ran it is cancelled at once: its stale attempts too, and none of its jobs runs.
        var cancelled = run.CancelRequestedAt is not null;
        foreach (var attempt in (await store.GetAttemptsAsync(run.RunId, cancellationToken).ConfigureAwait(false)).Where(a => a.Outcome == AttemptOutcome.Running))
            await store.FinishAttemptAsync(cancelled
                ? new AttemptFinish(run.RunId, attempt.Job, attempt.Attempt, AttemptOutcome.Cancelled, _services.Time.GetUtcNow(), null,
                    "cancelled: the run was cancelled after its holder stopped", attempt.Logs, JobStatus.Cancelled, token)
                : new AttemptFinish(run.RunId, attempt.Job, attempt.Attempt, AttemptOutcome.Interrupted, _services.Time.GetUtcNow(), null,
                    "interrupted: the run was resumed", attempt.Logs, JobStatus.Pending, token), CancellationToken.None).ConfigureAwait(false);
        // A queued run cancelled before it ran never starts: it goes from pending to cancelled.
        if (run.Status == RunStatus.Pending && !cancelled)
            await store.SetRunStatusAsync(run.RunId, RunStatus.Running, _services.Time.GetUtcNow(), token, CancellationToken.None).ConfigureAwait(false);
        var jobs = await store.GetJobsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(run, workflow, jobs, resumed: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a finished run again: its failed, cancelled and skipped jobs, or <paramref name="job"/> and every job
    /// downstream of it, with the definition it recorded, reusing the outputs of the jobs that succeeded; then its
    /// handlers, all of them again, for the outcome the retry reaches. A handler's name as <paramref name="job"/>
    /// (<c>on failure</c>) runs that handler alone again: an alert whose webhook was down, sent now.
    /// </summary>
    /// <returns>The run once it finished again; null when it has no failed, cancelled or skipped job to run again (a run that succeeded), and nothing was changed.</returns>
    /// <exception cref="InvalidOperationException">No such run, it has not finished, or another owner holds it.</exception>
    /// <exception cref="ArgumentException">The run has no job or handler named <paramref name="job"/>.</exception>
    public async Task<RunRecord?> RetryAsync(string runId, string? job = null, CancellationToken cancellationToken = default) =>
        await PrepareRetryAsync(runId, job, cancellationToken).ConfigureAwait(false) is { } prepared
            ? await RunPreparedAsync(prepared, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>
    /// The first half of <see cref="RetryAsync"/>: checks the run and <paramref name="job"/>, leases the run and records it running
    /// again with the jobs to run pending; null when there is nothing to retry. The host's API returns here, then runs the rest in
    /// the background with <see cref="RunPreparedAsync"/>.
    /// </summary>
    internal async Task<PreparedRun?> PrepareRetryAsync(string runId, string? job, CancellationToken cancellationToken)
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
            ? jobs.Where(j => j.Status is JobStatus.Failed or JobStatus.Cancelled or JobStatus.Skipped && !HandlerDefinition.IsHandlerName(j.Job)).Select(j => j.Job).ToList()
            : HandlerDefinition.IsHandlerName(job) ? [Handler(workflow, job)]
            : WithDownstream(workflow, job);
        if (again.Count == 0)
            return null;
        var token = await LeaseAsync(runId).ConfigureAwait(false);
        // The handlers run again at the end, for the outcome the retry reaches.
        if (job is null || !HandlerDefinition.IsHandlerName(job))
            again.AddRange(workflow.Handlers.Select(h => h.Name));
        await store.SetJobStatusAsync(runId, again, JobStatus.Pending, token, CancellationToken.None).ConfigureAwait(false);
        await store.SetRunStatusAsync(runId, RunStatus.Running, _services.Time.GetUtcNow(), token, CancellationToken.None).ConfigureAwait(false);
        jobs = await store.GetJobsAsync(runId, cancellationToken).ConfigureAwait(false);
        // The store forgot the run's cancel request when it was set running again: so does this copy.
        return new PreparedRun(run with { Status = RunStatus.Running, FinishedAt = null, CancelRequestedAt = null, LeaseToken = token }, workflow, jobs);
    }

    /// <summary>Runs to its end a run <see cref="PrepareRetryAsync"/> prepared.</summary>
    internal Task<RunRecord> RunPreparedAsync(PreparedRun prepared, CancellationToken cancellationToken = default) =>
        ExecuteAsync(prepared.Run, prepared.Workflow, prepared.Jobs, resumed: true, cancellationToken);

    /// <summary>
    /// Cancels <paramref name="runId"/> now if this executor is working on it, as reading its cancel request from the store would
    /// a moment later; false when it is not one of this executor's runs.
    /// </summary>
    internal bool CancelNow(string runId)
    {
        if (!_cancels.TryGetValue(runId, out var cancel))
            return false;
        try
        {
            if (!cancel.IsCancellationRequested)
            {
                _services.Logger.CancelRequested(runId, _services.Time.GetUtcNow());
                cancel.Cancel();
            }
            return true;
        }
        catch (ObjectDisposedException)
        {
            // It ended just now: nothing is left to stop.
            return false;
        }
    }

    /// <summary>A run ready to run again: leased, recorded running, with its definition and its jobs as they are now.</summary>
    internal sealed record PreparedRun(RunRecord Run, WorkflowDefinition Workflow, IReadOnlyList<JobRecord> Jobs);

    private static string Handler(WorkflowDefinition workflow, string name) =>
        workflow.Handlers.Any(h => h.Name == name) ? name
        : throw new ArgumentException($"Workflow '{workflow.Name}' has no handler '{name}' (its handlers: {(workflow.Handlers.Count == 0 ? "none" : string.Join(", ", workflow.Handlers.Select(h => h.Name)))}).");

    private static List<string> WithDownstream(WorkflowDefinition workflow, string job)
    {
        if (workflow.FindJob(job) is null)
            // No parameter name: `retry` prints the message, and "(Parameter 'job')" means nothing to its user.
            throw new ArgumentException($"Workflow '{workflow.Name}' has no job '{job}'"
                + $"{DidYouMean.Suffix(job, workflow.RunRecordNames)} (its jobs: {string.Join(", ", workflow.Jobs.Select(j => j.Name))}).");
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

    /// <param name="resumed">Whether the run worked before (resumed, retried, taken over): its span continues the run's trace.</param>
    private async Task<RunRecord> ExecuteAsync(RunRecord run, WorkflowDefinition workflow, IReadOnlyList<JobRecord> jobs, bool resumed,
        CancellationToken cancellationToken)
    {
        var cancel = new CancellationTokenSource();
        if (run.CancelRequestedAt is { } requested)
        {
            _services.Logger.CancelRequested(run.RunId, requested);
            await cancel.CancelAsync().ConfigureAwait(false);
        }
        var lease = new RunLease(run.LeaseToken);
        var execution = new RunExecution(_services, run, lease, workflow, jobs, cancel.Token);
        var handlers = new RunHandlers(_services, run, lease, workflow, jobs);
        // The span of the run's work on this host is the current one for its attempts and its log lines (this method's own
        // context: the caller's is untouched).
        var span = OrchestratorTelemetry.Source.HasListeners() && _createdSpans.TryGetValue(run, out var created) ? created : RunTelemetry.StartAgain(run, resumed);
        if (span is not null)
        {
            _createdSpans.Remove(run);
            Activity.Current = span;
        }
        var logger = _services.Logger;
        logger.RunStarted(run.RunId, jobs.Count(j => j.Status != JobStatus.Succeeded && !HandlerDefinition.IsHandlerName(j.Job)));
        EnterRun(run.RunId, cancel);
        var entered = _services.Time.GetTimestamp();
        RunTelemetry.RunEntered(run.Workflow);
        Raise(RunStarted, run with { Status = RunStatus.Running, FinishedAt = null });
        try
        {
            RunStatus status;
            try
            {
                // The run's final status is decided here, once: succeeded, failed or cancelled; the handlers take it as given.
                status = await execution.RunAsync(cancellationToken).ConfigureAwait(false);
                // The status is written only after the handlers: a crash in one of them leaves the run running, and resuming it runs them.
                await handlers.RunAsync(status, execution.Jobs, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || _noNewJobs.IsCancellationRequested)
            {
                // The host stops: no status, and no error either; the run's next span (when it resumes) continues the trace.
                logger.RunInterrupted(run.RunId);
                span?.Stop();
                span = null;
                throw;
            }
            await _services.Store.SetRunStatusAsync(run.RunId, status, _services.Time.GetUtcNow(), lease.Token, CancellationToken.None).ConfigureAwait(false);
            logger.RunFinished(run.RunId, EnumText.Name(status));
            RunTelemetry.RunFinished(run.Workflow, status, _services.Time.GetElapsedTime(entered));
            RunTelemetry.EndRun(span, status);
            span = null;
            var finished = await _services.Store.GetRunAsync(run.RunId, CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run '{run.RunId}' vanished from the store.");
            Raise(RunFinished, finished);
            return finished;
        }
        catch (LeaseLostException lost)
        {
            logger.LeaseLost(lost.RunId, lost.Holder ?? "another host");
            RunTelemetry.EndUnfinished(span, lost);
            span = null;
            throw;
        }
        catch (Exception e) when (span is not null)
        {
            // A store that refuses a write: the run's work on this host ended without a status.
            RunTelemetry.EndUnfinished(span, e);
            span = null;
            throw;
        }
        finally
        {
            span?.Stop();
            RunTelemetry.RunEnded(run.Workflow);
            LeaveRun(run.RunId);
            cancel.Dispose();
        }
    }

    /// <summary>Leases the run to this executor and returns the new lease token its writes carry.</summary>
    private async Task<long> LeaseAsync(string runId) =>
        await _services.Store.TryLeaseRunAsync(runId, _options.Owner, _options.Lease, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{runId}' is leased to another owner than {_options.Owner}; it can be taken over once that lease expires.");

    // The timezone only matters to schedules, which a run no longer needs; the recorded text keeps its own.
    private CompileOptions CompileOptionsNow() => new(TimeZoneInfo.Utc, _services.Time.GetUtcNow());

    // One renewal timer for all active runs: the store renews every lease of this owner in one write. One more
    // reads the cancel requests of all of them in one query.
    private void EnterRun(string runId, CancellationTokenSource cancel)
    {
        _cancels[runId] = cancel;
        lock (_leaseLock)
        {
            if (_activeRuns++ == 0)
            {
                var period = _options.Lease / 3;
                _renewal = _services.Time.CreateTimer(_ => _ = RenewAsync(), null, period, period);
                _cancelPoll = _services.Time.CreateTimer(_ => _ = PollCancelRequestsAsync(), null, CancelPollInterval, CancelPollInterval);
            }
        }
    }

    private void LeaveRun(string runId)
    {
        _cancels.TryRemove(runId, out _);
        lock (_leaseLock)
        {
            if (--_activeRuns == 0)
            {
                _renewal?.Dispose();
                _renewal = null;
                _cancelPoll?.Dispose();
                _cancelPoll = null;
            }
        }
    }

    /// <summary>Cancels each of this executor's runs that someone asked to stop; one read at a time, however fast the timer ticks.</summary>
    private async Task PollCancelRequestsAsync()
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
            return;
        try
        {
            foreach (var run in await _services.Store.ListCancelRequestsAsync(_options.Owner, CancellationToken.None).ConfigureAwait(false))
            {
                if (!_cancels.TryGetValue(run.RunId, out var cancel) || cancel.IsCancellationRequested)
                    continue;
                _services.Logger.CancelRequested(run.RunId, run.CancelRequestedAt ?? _services.Time.GetUtcNow());
                await cancel.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the read and the cancel: nothing is left to stop.
        }
        catch (Exception e)
        {
            _services.Logger.CancelPollFailed(e, _options.Owner);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
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

    private void RaiseRetrying(JobRecord job) => Raise(JobRetrying, job);

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

    private void Raise(Action<RunRecord>? handlers, RunRecord run)
    {
        if (handlers is null)
            return;
        try
        {
            handlers(run);
        }
        catch (Exception e)
        {
            _services.Logger.HandlerFailed(e, run.RunId, "(the run)");
        }
    }

    /// <summary>What every run of one executor shares: the store, the runner, the clock, the parallel-job slots and the logs.</summary>
    internal sealed record Services(IStateStore Store, IJobRunner Runner, TimeProvider Time, SemaphoreSlim Slots, ILogger Logger,
        ILogger ScriptLogger, Action<JobRecord> Started, Action<JobRecord> Retrying, Action<JobRecord> Finished, CancellationToken NoNewJobs);
}
