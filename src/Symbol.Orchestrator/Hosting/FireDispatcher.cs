using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Fire → gate → run: each fire (scheduled, caught up) takes its place at its workflow's concurrency gate in fire
/// order and runs in the background once it holds a slot; resumed runs hold a slot too. A fire of a paused workflow
/// is skipped here, the one place that decides it: at its instant, or when its turn comes if it waited for a slot.
/// Run ids are (workflow, scheduledAt), which the store refuses twice: that is what makes every instant fire once
/// across restarts, reloads and hosts. The gate orders this host's fires and keeps it from flooding the store, but the
/// store decides the bound: it counts the workflow's active runs of every host in the write that creates the run.
/// </summary>
internal sealed class FireDispatcher(HostSession session, PausedWorkflows paused, StoreWatch watch, HostEvents events, TimeProvider time, ILoggerFactory loggers) : IRunSlots, IDisposable
{
    private readonly ILogger _log = loggers.CreateLogger(WorkflowHost.LogCategory);
    private readonly ConcurrencyGates _gates = WokenEachTick(watch);
    private readonly RunTracker _runs = new();
    private readonly StandbyChecks _standbys = new(session, events, time, loggers.CreateLogger(WorkflowHost.LogCategory));
    private volatile bool _stopping;

    /// <summary>A workflow placed on the scheduler (added or changed): its gate takes its concurrency.</summary>
    public void Placed(WorkflowDefinition workflow) => _gates.For(workflow.Name).SetLimit(workflow.Concurrency);

    /// <summary>A workflow removed: fires still waiting for a slot were never recorded, and with their workflow gone they just go.</summary>
    public void Removed(WorkflowDefinition workflow) => _gates.For(workflow.Name).DropWaiting();

    /// <summary>The scheduler's callable for <paramref name="workflow"/>: it hands the fire over and returns, since overlap is this host's policy.</summary>
    public Func<Scheduling.ScheduledFire, Task> OnSchedule(WorkflowDefinition workflow) => f =>
    {
        if (_stopping)
            return Task.CompletedTask;
        // With several hosts on one store, one fires the workflow first and the others stand by (FireShare): three hosts
        // racing for every fire made each wait on the others' commits, and ran slower than one host alone.
        if (FireShare.IsStandby(workflow.Name, session.Executor.Options.Owner, session.Claim.LiveOwners))
        {
            if (_standbys.Add(workflow, f.ScheduledAt) is { } due)
                _ = _runs.Track(ct => StandByAsync(due, ct));
        }
        else
            FireScheduled(workflow, f.ScheduledAt);
        return Task.CompletedTask;
    };

    private void FireScheduled(WorkflowDefinition workflow, DateTimeOffset scheduledAt) =>
        Fire(workflow, RunTrigger.Schedule, scheduledAt, workflow.Overlap == OverlapPolicy.Queue, workflow.QueueMax);

    /// <summary>
    /// A standby's fires due for a look at <paramref name="due"/> (<see cref="FireShare.StandbyDelay"/> after their instant), with
    /// those due just after: fired here only if their first host has not acted on them (the workflow's watermark, which moves with
    /// the run's creation and with a skip, has not reached them): that host is gone or late.
    /// </summary>
    private async Task StandByAsync(DateTimeOffset due, CancellationToken ct)
    {
        foreach (var (workflow, scheduledAt) in await _standbys.NotActedOnAsync(due, () => _stopping, ct).ConfigureAwait(false))
        {
            if (_stopping)
                return;
            FireScheduled(workflow, scheduledAt);
        }
    }

    /// <summary>Takes the fire's place at its workflow's gate now, in fire order, and runs it in the background.</summary>
    public void Fire(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt, bool queue, int queueMax)
    {
        var gate = _gates.For(workflow.Name);
        if (paused.Since(workflow.Name) is { } since)
        {
            var turn = gate.Pass();
            _ = _runs.Track(_ => PassPausedAsync(workflow.Name, trigger, scheduledAt, since, turn));
            return;
        }
        _log.Fired(workflow.Name, scheduledAt, EnumText.Name(trigger));
        var ticket = gate.Join(queue, queueMax);
        _ = _runs.Track(ct => RunAsync(workflow, trigger, scheduledAt, gate, ticket, queue, ct));
    }

    /// <summary>Takes back the runs the store holds as running and carries them on; the host calls it before anything else runs.</summary>
    public async Task ResumeAsync()
    {
        // Claimed as the executor that carries them on; the hosts before this one are gone (the claim proves it), so
        // their runs are resumed now, not at lease expiry.
        var executor = session.Executor.Options;
        var claimed = await session.Store.ClaimInterruptedRunsAsync(executor.Owner, executor.Lease, session.Claim.GoneOwners).ConfigureAwait(false);
        session.Claim.Resumed();
        foreach (var run in claimed)
            Resume(run);
    }

    /// <summary>
    /// Carries on a run this host has just claimed (at start-up, or from a host whose lease ran out: <see cref="ExpiredLeaseSweep"/>)
    /// in the background: succeeded jobs are not run again, an interrupted attempt does not use up a retry.
    /// </summary>
    public void Resume(RunRecord run)
    {
        _log.Resuming(run.RunId, run.Workflow);
        // A resumed run is active: it holds a slot of its workflow's concurrency until it ends.
        Occupy(run.Workflow);
        Carry(run, ct => session.Executor.ResumeAsync(run, ct), resumed: true);
    }

    /// <summary>Counts a run as active at its workflow's gate, whatever the bound: a resumed run, a retry, a trigger with force.</summary>
    public void Occupy(string workflow) => _gates.For(workflow).Occupy();

    /// <summary>
    /// Works on <paramref name="run"/> in the background as one of the host's runs (resumed, triggered, retried), holding the slot
    /// of its workflow the caller took until it ends; its end is logged as a fired run's is. A host stopping leaves it running in
    /// the store, for the next start to resume.
    /// </summary>
    public void Carry(RunRecord run, Func<CancellationToken, Task<RunRecord>> work, bool resumed = false)
    {
        _ = _runs.Track(async ct =>
        {
            try
            {
                await LogRunEndedAsync(await work(ct).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested || _stopping)
            {
            }
            catch (LeaseLostException)
            {
                // Another host took the run over; the executor logged it once, as a warning.
            }
            catch (Exception e)
            {
                if (resumed)
                    _log.ResumeFailed(e, run.RunId, run.Workflow);
                else
                    _log.RunNotCarried(e, run.RunId, run.Workflow);
            }
            finally
            {
                Release(run.Workflow);
            }
        });
    }

    /// <summary>Whether the host has begun to stop: nothing new is taken on from then.</summary>
    public bool IsStopping => _stopping;

    /// <summary>The host is stopping: a fire from the scheduler from now on is ignored (the next start's catch-up decides about it).</summary>
    public void StopFiring() => _stopping = true;

    /// <summary>
    /// No new run starts from now on: fires waiting for a slot are dropped unrecorded (so the watermark stays before
    /// them and the next start's catch-up decides about them), and no new job starts either: the grace is for the
    /// jobs running, and the runs' jobs not started resume at the next start. Returns how many fires were dropped.
    /// </summary>
    public int StopStarting()
    {
        _stopping = true;
        var dropped = _gates.Close();
        session.Executor.StopStartingJobs();
        return dropped;
    }

    public int ActiveRuns => _gates.ActiveRuns;

    /// <summary>Waits up to <paramref name="grace"/> for the runs going, then cancels them; false when the grace ran out.</summary>
    public Task<bool> DrainAsync(TimeSpan grace, TimeProvider time) => _runs.DrainAsync(grace, time);

    /// <summary>
    /// One fire: skipped at the bound, or once it holds a slot and every earlier fire is recorded, a run created
    /// (the store moves the watermark with it) and run. A fire dropped while it waited is recorded nowhere.
    /// </summary>
    private async Task RunAsync(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt, WorkflowGate gate, GateTicket ticket, bool queue,
        CancellationToken ct)
    {
        var recorded = false;
        var waiting = false;
        try
        {
            if (ticket.Slot is null)
            {
                if (ticket.QueueFull)
                    _log.QueueFull(workflow.Name, scheduledAt, gate.Waiting, workflow.QueueMax, gate.Active, gate.Limit);
                else
                    _log.Skipped(workflow.Name, scheduledAt, gate.Active, gate.Limit);
                events.Fire(workflow.Name, scheduledAt, trigger, FireOutcome.Skipped);
                // Only past fires that are recorded: a crash must not leave the watermark beyond one that has no run.
                if (await ticket.EarlierRecorded.ConfigureAwait(false))
                {
                    await session.Store.AdvanceWatermarkAsync(workflow.Name, scheduledAt, CancellationToken.None).ConfigureAwait(false);
                    recorded = true;
                }
                return;
            }
            if (!ticket.Slot.IsCompleted)
            {
                _log.Queued(workflow.Name, scheduledAt, EnumText.Name(trigger), gate.Active, gate.Limit);
                events.Fire(workflow.Name, scheduledAt, trigger, FireOutcome.Queued);
                StartWaiting();
            }
            try
            {
                await ticket.Slot.ConfigureAwait(false);
                StopWaiting();
            }
            catch (OperationCanceledException)
            {
                _log.Dropped(workflow.Name, scheduledAt, EnumText.Name(trigger));
                return;
            }
            // Paused while it waited for its slot: skipped now, as a fire of a paused workflow is.
            if (paused.Since(workflow.Name) is { } since)
            {
                gate.Release();
                recorded = await SkipPausedAsync(workflow.Name, trigger, scheduledAt, since, ticket).ConfigureAwait(false);
                return;
            }
            RunRecord? run = null;
            RunCreation outcome;
            try
            {
                var earlierRecorded = await ticket.EarlierRecorded.ConfigureAwait(false);
                RunRecord created;
                var waited = false;
                while (true)
                {
                    // Taken before the store is asked, so that a run ending in between wakes this fire.
                    var wake = gate.NextWake;
                    (outcome, created) = await CreateRetryingAsync(workflow, trigger, scheduledAt, gate.Limit, ct).ConfigureAwait(false);
                    if (outcome != RunCreation.AtLimit || !queue)
                        break;
                    // Full in the store, with runs held by other hosts: the fire keeps its place (and its slot here) and tries again.
                    if (!waited)
                    {
                        _log.Queued(workflow.Name, scheduledAt, EnumText.Name(trigger), await StoreActiveAsync(workflow.Name).ConfigureAwait(false), gate.Limit);
                        events.Fire(workflow.Name, scheduledAt, trigger, FireOutcome.Queued);
                        StartWaiting();
                    }
                    waited = true;
                    if (!await WokenAsync(wake).ConfigureAwait(false))
                    {
                        _log.Dropped(workflow.Name, scheduledAt, EnumText.Name(trigger));
                        return;
                    }
                    if (paused.Since(workflow.Name) is { } pausedSince)
                    {
                        recorded = await SkipPausedAsync(workflow.Name, trigger, scheduledAt, pausedSince, ticket).ConfigureAwait(false);
                        return;
                    }
                }
                StopWaiting();
                if (outcome == RunCreation.AtLimit)
                {
                    // Full in the store, with runs held by other hosts: skipped as at the gate, the watermark past it once the earlier fires are.
                    _log.Skipped(workflow.Name, scheduledAt, await StoreActiveAsync(workflow.Name).ConfigureAwait(false), gate.Limit);
                    events.Fire(workflow.Name, scheduledAt, trigger, FireOutcome.Skipped);
                    if (earlierRecorded)
                    {
                        await session.Store.AdvanceWatermarkAsync(workflow.Name, scheduledAt, CancellationToken.None).ConfigureAwait(false);
                        recorded = true;
                    }
                    return;
                }
                recorded = true;
                ticket.Recorded.TrySetResult(true);
                events.Fire(workflow.Name, scheduledAt, trigger, outcome == RunCreation.Created ? FireOutcome.Started : FireOutcome.Duplicate, created.RunId);
                if (outcome == RunCreation.Created && trigger == RunTrigger.Schedule)
                    FireTelemetry.Started(workflow.Name, scheduledAt, time.GetUtcNow());
                if (outcome == RunCreation.Created)
                    run = await session.Executor.RunCreatedAsync(created, workflow, ct).ConfigureAwait(false);
            }
            // Cancelled after the grace, or stopped with jobs not started: the run stays running and resumes at the next start.
            catch (OperationCanceledException) when (ct.IsCancellationRequested || _stopping)
            {
                return;
            }
            finally
            {
                gate.Release();
            }
            // Logged once the slot is free, so a reader (or a test) who sees it knows the next fire can start.
            if (run is null)
                _log.AlreadyFired(workflow.Name, scheduledAt);
            else
                await LogRunEndedAsync(run).ConfigureAwait(false);
        }
        catch (LeaseLostException)
        {
            // Another host took the run over; the executor logged it once, as a warning.
        }
        catch (Exception e)
        {
            _log.RunCrashed(e, workflow.Name, scheduledAt);
        }
        finally
        {
            StopWaiting();
            ticket.Recorded.TrySetResult(recorded);
        }

        // Queued fires as the up-down counter sees them: each wait counted once, and uncounted however it ends (a slot, a drop, a crash).
        void StartWaiting()
        {
            if (!waiting)
                FireTelemetry.Waiting(workflow.Name, +1);
            waiting = true;
        }

        void StopWaiting()
        {
            if (waiting)
                FireTelemetry.Waiting(workflow.Name, -1);
            waiting = false;
        }
    }

    // The workflow's active runs as the store counts them, every host's: what a skip or a wait at the store's bound names.
    private async Task<int> StoreActiveAsync(string workflow) =>
        (await session.Store.ListActiveRunsAsync(workflow, CancellationToken.None).ConfigureAwait(false)).Count;

    // False when the fire was dropped while it waited (its workflow removed, or the host stopping).
    private static async Task<bool> WokenAsync(Task wake)
    {
        try
        {
            await wake.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates the fire's run, trying again while the store cannot be reached (a database restart, a network cut): the fire keeps
    /// its place, the workflow's later fires wait behind it so the watermark never passes it, and it runs once the store
    /// answers, late rather than lost. A host stopping meanwhile gives up on it; its next start's catch-up decides.
    /// </summary>
    private async Task<(RunCreation, RunRecord)> CreateRetryingAsync(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt, int maxActive,
        CancellationToken ct)
    {
        for (var wait = FirstRetry; ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks)))
        {
            try
            {
                return await session.Executor.CreateAsync(workflow, trigger, scheduledAt, maxActive: maxActive).ConfigureAwait(false);
            }
            catch (StateStoreException e) when (!_stopping)
            {
                _log.FireRetrying(workflow.Name, scheduledAt, ExecutorLog.FirstLine(e.Message), DurationText.Format(wait));
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
                if (_stopping)
                    throw;
            }
        }
    }

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>A paused workflow's fire, which took no slot: skipped, and its turn to be recorded given up or taken.</summary>
    private async Task PassPausedAsync(string workflow, RunTrigger trigger, DateTimeOffset scheduledAt, DateTimeOffset since, GateTicket ticket)
    {
        var recorded = false;
        try
        {
            recorded = await SkipPausedAsync(workflow, trigger, scheduledAt, since, ticket).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.RunCrashed(e, workflow, scheduledAt);
        }
        finally
        {
            ticket.Recorded.TrySetResult(recorded);
        }
    }

    /// <summary>
    /// Logs the skip and moves the watermark past the fire, as an overlap skip does, so unpausing does not catch it up.
    /// True when the watermark moved: only past fires that are recorded, so a crash never leaves it beyond one with no run.
    /// </summary>
    private async Task<bool> SkipPausedAsync(string workflow, RunTrigger trigger, DateTimeOffset scheduledAt, DateTimeOffset since, GateTicket ticket)
    {
        _log.SkippedPaused(workflow, scheduledAt, EnumText.Name(trigger), since);
        events.Fire(workflow, scheduledAt, trigger, FireOutcome.Paused);
        if (!await ticket.EarlierRecorded.ConfigureAwait(false))
            return false;
        await session.Store.AdvanceWatermarkAsync(workflow, scheduledAt, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>A slot for a queued run (<see cref="QueuedRunPoller"/>) at its workflow's gate, beside the fires; none once the host is stopping.</summary>
    public bool TryTake(string workflow) => !_stopping && _gates.For(workflow).TryOccupy();

    public void Release(string workflow) => _gates.For(workflow).Release();

    /// <summary>A queued run is taken within its workflow's concurrency as the store counts it, every host's runs included.</summary>
    public int? MaxActive(string workflow) => _gates.For(workflow).Limit;

    /// <summary>Runs <paramref name="work"/> as one of the host's runs: shutdown waits for it through the grace, then cancels it.</summary>
    public Task Track(Func<CancellationToken, Task> work) => _runs.Track(work);

    /// <summary>A failed run is a warning naming its first failed job and that job's error (one read of its jobs, on a failure only).</summary>
    public async Task LogRunEndedAsync(RunRecord run)
    {
        if (run.Status != RunStatus.Failed)
        {
            _log.RunEnded(run.RunId, run.Workflow, EnumText.Name(run.Status));
            return;
        }
        var jobs = await session.Store.GetJobsAsync(run.RunId, CancellationToken.None).ConfigureAwait(false);
        // A failed handler is not why a run failed: handlers never change its status.
        var failed = jobs.FirstOrDefault(j => j.Status == JobStatus.Failed && !HandlerDefinition.IsHandlerName(j.Job));
        _log.RunFailed(run.RunId, run.Workflow, failed?.Job ?? "(none)", ExecutorLog.FirstLine(failed?.Error));
    }

    // A run ending on another host is seen only through the store: fires waiting on the store's count try again at each tick.
    private static ConcurrencyGates WokenEachTick(StoreWatch watch)
    {
        var gates = new ConcurrencyGates();
        watch.Register("concurrency", _ =>
        {
            gates.WakeAll();
            return Task.CompletedTask;
        });
        return gates;
    }

    public void Dispose() => _runs.Dispose();
}
