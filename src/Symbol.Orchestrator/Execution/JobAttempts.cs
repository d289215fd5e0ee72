using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// The attempts at one job of a run, or at one of its handlers, which get exactly the same: retries with their backoff
/// (waited on the <see cref="TimeProvider"/>), one of the executor's parallel-job slots per attempt, timeouts, and every
/// attempt's start and end recorded, with its logs, error and output.
/// </summary>
/// <param name="lease">The run's lease: every write carries its token, and once it is lost no write is made.</param>
/// <param name="handlers">Whether these are a run's handlers, which the log names as such ("Handler on failure of run …").</param>
/// <param name="cancelled">
/// Cancelled when someone cancels the run (<c>orchestrator cancel</c>): an attempt it stops is recorded cancelled, and a
/// retry it keeps from starting is not made. A run's handlers run after a cancel, so theirs is never cancelled.
/// </param>
internal sealed class JobAttempts(RunExecutor.Services services, RunRecord run, RunLease lease, WorkflowDefinition workflow, bool handlers, CancellationToken cancelled)
{
    /// <summary>The error of an attempt, and of its job, stopped by a cancel of its run.</summary>
    public const string CancelledError = "cancelled: the run was cancelled";

    private readonly RunExecutor.Services _services = services;
    private readonly RunRecord _run = run;
    private readonly RunLease _lease = lease;
    private readonly WorkflowDefinition _workflow = workflow;
    private readonly bool _handlers = handlers;
    private readonly CancellationToken _cancelled = cancelled;

    /// <summary>
    /// Attempts until one succeeds or the retries are used up; returns the final record, or a pending one when the host
    /// began to stop before an attempt could start. <paramref name="context"/> gives what attempt n sees.
    /// </summary>
    public async Task<JobRecord> RunAsync(JobDefinition definition, JobRecord record, Func<int, AttemptContext> context, CancellationToken cancellationToken)
    {
        var (store, time) = (_services.Store, _services.Time);
        int counted = record.Attempts, number = record.LastAttempt;
        int allowed = Math.Max(definition.Retry.Retries + 1, counted + 1);
        var firstStart = record.StartedAt;
        var runTime = record.RunTime;
        var numberBefore = number;
        while (true)
        {
            try
            {
                var delay = definition.Retry.DelayBefore(counted + 1);
                if (delay > TimeSpan.Zero && !await BackedOffAsync(delay, cancellationToken).ConfigureAwait(false))
                    return NotStarted();
                await _services.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancelled.IsCancellationRequested)
            {
                return await StoppedBetweenAttemptsAsync().ConfigureAwait(false);
            }
            if (_cancelled.IsCancellationRequested)
            {
                _services.Slots.Release();
                return await StoppedBetweenAttemptsAsync().ConfigureAwait(false);
            }
            if (_services.NoNewJobs.IsCancellationRequested)
            {
                // The slot came after the host began to stop: the attempt is not started, and the job stays pending.
                _services.Slots.Release();
                return NotStarted();
            }
            var held = true;
            AttemptResult result;
            DateTimeOffset started;
            int attempt = ++number;
            // The start is written while the script runs, not before: a job holding one of MaxParallelJobs
            // slots through a commit would cap throughput at slots / commit latency. The finish waits for
            // the start to be durable, so the record never shows an end without its start. A crash before the
            // start commits leaves the job pending: it runs again on resume, as an interrupted attempt would.
            using var startFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task startWrite = Task.CompletedTask;
            // Current for the script's calls (its http requests are its children); the finally ends one that no outcome ended.
            using var span = RunTelemetry.StartAttempt(_run, definition.Name, attempt);
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                started = time.GetUtcNow();
                firstStart ??= started;
                counted++;
                _services.Logger.AttemptStarted(_run.RunId, definition.Name, attempt, _handlers);
                startWrite = RecordStartAsync(definition.Name, attempt, started, counted, firstStart.Value, runTime, startFailed);
                try
                {
                    result = await _services.Runner.RunAsync(_workflow, definition, context(attempt), startFailed.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException stopped) when (cancellationToken.IsCancellationRequested)
                {
                    _services.Slots.Release();
                    held = false;
                    await startWrite.ConfigureAwait(false);
                    // Stopped because another write of the run found its lease lost: the store would refuse this one too.
                    if (_lease.IsLost)
                        throw;
                    var logs = (stopped as AttemptCancelledException)?.Logs ?? [];
                    var ended = time.GetUtcNow();
                    _services.ScriptLogger.ScriptLines(_run.RunId, definition.Name, logs);
                    if (_cancelled.IsCancellationRequested)
                    {
                        // The run was cancelled: the attempt ends here for good, and counts as made.
                        await store.FinishAttemptAsync(new AttemptFinish(_run.RunId, definition.Name, attempt, AttemptOutcome.Cancelled, ended,
                            null, CancelledError, logs, JobStatus.Cancelled, _lease.Token), CancellationToken.None).ConfigureAwait(false);
                        _services.Logger.JobCancelled(_run.RunId, definition.Name, attempt);
                        RunTelemetry.EndAttempt(span, _run.Workflow, AttemptOutcome.Cancelled, CancelledError, ended - started);
                        return new JobRecord(_run.RunId, definition.Name, JobStatus.Cancelled, counted, null, CancelledError, firstStart, ended)
                        {
                            LastAttempt = attempt,
                            RunTime = (runTime ?? TimeSpan.Zero) + (ended - started),
                        };
                    }
                    // The host is stopping: the job runs again when the run resumes.
                    await store.FinishAttemptAsync(new AttemptFinish(_run.RunId, definition.Name, attempt, AttemptOutcome.Interrupted, ended,
                        null, "interrupted: the executor stopped", logs, JobStatus.Pending, _lease.Token), CancellationToken.None).ConfigureAwait(false);
                    RunTelemetry.EndAttempt(span, _run.Workflow, AttemptOutcome.Interrupted, null, ended - started);
                    throw;
                }
                catch (OperationCanceledException) when (startFailed.IsCancellationRequested)
                {
                    // The store refused the start (a lost lease, a failing disk): the attempt was never recorded. Its error is the run's.
                    await startWrite.ConfigureAwait(false);
                    throw;
                }
                catch (Exception e) when (!startFailed.IsCancellationRequested)
                {
                    result = AttemptResult.Failure($"the job runner failed: {e.GetType().Name}: {e.Message}", []);
                }
            }
            finally
            {
                if (held)
                    _services.Slots.Release();
            }
            await startWrite.ConfigureAwait(false);
            var final = result.Succeeded || counted >= allowed;
            var status = result.Succeeded ? JobStatus.Succeeded : final ? JobStatus.Failed : JobStatus.Pending;
            var finished = time.GetUtcNow();
            runTime = (runTime ?? TimeSpan.Zero) + (finished - started);
            var outcome = result.Succeeded ? AttemptOutcome.Succeeded : AttemptOutcome.Failed;
            await store.FinishAttemptAsync(new AttemptFinish(_run.RunId, definition.Name, attempt, outcome, finished,
                result.OutputJson, result.Error, result.Logs, status, _lease.Token), CancellationToken.None).ConfigureAwait(false);
            _services.ScriptLogger.ScriptLines(_run.RunId, definition.Name, result.Logs);
            if (!result.Succeeded)
                _services.Logger.AttemptFailed(_run.RunId, definition.Name, attempt, result.Error, _handlers);
            // Ended after the attempt's log lines (the job's end among them, below), which so carry its span's ids.
            if (!final)
            {
                RunTelemetry.EndAttempt(span, _run.Workflow, outcome, result.Error, finished - started);
                _services.Retrying(new JobRecord(_run.RunId, definition.Name, JobStatus.Pending, counted, null, result.Error, firstStart, null)
                {
                    LastAttempt = attempt,
                    RunTime = runTime,
                });
            }
            if (final)
            {
                var ended = new JobRecord(_run.RunId, definition.Name, status, counted, result.OutputJson, result.Error, firstStart, finished)
                {
                    LastAttempt = attempt,
                    RunTime = runTime,
                };
                if (result.Succeeded)
                    _services.Logger.Succeeded(_run.RunId, definition.Name, AttemptCount.Describe(ended), _handlers);
                else
                    _services.Logger.Failed(_run.RunId, definition.Name, AttemptCount.Describe(ended), result.Error, _handlers);
                RunTelemetry.EndAttempt(span, _run.Workflow, outcome, result.Error, finished - started);
                return ended;
            }
        }

        JobRecord NotStarted() => new(_run.RunId, definition.Name, JobStatus.Pending, counted, null, null, firstStart, null) { LastAttempt = number };

        // Cancelled while it waited out a backoff or for a slot: a job that made an attempt in this run is cancelled
        // (its retry never starts); one that has not started yet stays pending, and is skipped with the others.
        async Task<JobRecord> StoppedBetweenAttemptsAsync()
        {
            if (number == numberBefore)
                return NotStarted();
            await store.SetJobStatusAsync(_run.RunId, [definition.Name], JobStatus.Cancelled, _lease.Token, CancellationToken.None).ConfigureAwait(false);
            _services.Logger.JobCancelledBeforeRetry(_run.RunId, definition.Name, number + 1);
            return new JobRecord(_run.RunId, definition.Name, JobStatus.Cancelled, counted, null, CancelledError, firstStart, time.GetUtcNow())
            {
                LastAttempt = number,
                RunTime = runTime,
            };
        }
    }

    /// <summary>Waits out a retry's backoff; false when the host began to stop during it (the retry is not to start).</summary>
    private async Task<bool> BackedOffAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _services.NoNewJobs);
        try
        {
            await Task.Delay(delay, _services.Time, waiting.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Records an attempt's start, then tells the watchers; a refused write cancels the attempt's script.</summary>
    private async Task RecordStartAsync(string job, int attempt, DateTimeOffset started, int counted, DateTimeOffset firstStart, TimeSpan? runTime,
        CancellationTokenSource startFailed)
    {
        try
        {
            // Writes are not cancelled: once an attempt is started it must be finished in the record.
            await _services.Store.StartAttemptAsync(_run.RunId, job, attempt, started, _lease.Token, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await startFailed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        _services.Started(new JobRecord(_run.RunId, job, JobStatus.Running, counted, null, null, firstStart, null) { LastAttempt = attempt, RunTime = runTime });
    }
}
