using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Operations;
using Symbol.Orchestrator.State;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// What the API asks of the running host (docs/api.md): trigger, retry, cancel, pause, backfill, done here, against the host's
/// store, executor, catalog and gates, with the rules of the verbs. A run the host starts is one of its own: it holds a slot of
/// its workflow's concurrency, is recorded before it starts, and resumes after a crash like a fired run. A request the host
/// refuses throws an <see cref="OperationException"/> saying why, in one line.
/// </summary>
internal sealed class HostOperations(HostSession session, CatalogApplier catalog, FireDispatcher dispatcher, PausedWorkflows paused, QueuedRunPoller queue,
    HostEvents events, TimeProvider time, ILoggerFactory loggers)
{
    // The runs an unknown run id is compared with: the recent ones are the ones a user copies.
    private const int RecentRuns = 200;

    private readonly ILogger _log = loggers.CreateLogger(WorkflowHost.LogCategory);

    /// <summary>The workflow in force under <paramref name="name"/> (after the latest reload); not found with a did-you-mean otherwise.</summary>
    public WorkflowDefinition Workflow(string name) =>
        catalog.Workflows.FirstOrDefault(w => w.Name == name)
        ?? throw OperationException.NotFound($"no workflow named {name}{Near(name, catalog.Workflows.Select(w => w.Name))}");

    /// <summary>
    /// Creates a manual run of <paramref name="name"/> now and runs it in the background; returns it as created. Counted toward the
    /// workflow's <c>concurrency</c> (every host's runs, as the store counts them): at the limit it is refused unless <paramref name="force"/>.
    /// </summary>
    /// <param name="paramsJson">A JSON object laid over the workflow's <c>params</c>.</param>
    public async Task<RunRecord> TriggerAsync(string name, string? paramsJson, bool force)
    {
        var workflow = Workflow(name);
        NotStopping();
        if (force)
            dispatcher.Occupy(name);
        else if (!dispatcher.TryTake(name))
            throw await AtLimitAsync(workflow).ConfigureAwait(false);
        RunRecord created;
        try
        {
            RunCreation outcome;
            (outcome, created) = await session.Executor.CreateAsync(workflow, RunTrigger.Manual, time.GetUtcNow(), paramsJson,
                force ? null : dispatcher.MaxActive(name)).ConfigureAwait(false);
            if (outcome == RunCreation.AtLimit)
                throw await AtLimitAsync(workflow).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            dispatcher.Release(name);
            throw OperationException.BadRequest("params", e.Message);
        }
        catch
        {
            dispatcher.Release(name);
            throw;
        }
        _log.Triggered(name, created.RunId, force ? " (force: past its concurrency)" : "");
        events.Fire(name, created.ScheduledAt, RunTrigger.Manual, FireOutcome.Started, created.RunId);
        dispatcher.Carry(created, ct => session.Executor.RunCreatedAsync(created, workflow, ct));
        return created;
    }

    /// <summary>
    /// Runs a finished run's failed, cancelled and skipped jobs again (or <paramref name="job"/> and what is downstream of it), as
    /// <c>retry</c> does, in the background; returns once the run is recorded running again.
    /// </summary>
    public async Task<RunRecord> RetryAsync(string runId, string? job)
    {
        var run = await RunAsync(runId).ConfigureAwait(false);
        if (!run.IsFinished)
            throw OperationException.Conflict($"run {runId} is still {EnumText.Name(run.Status)}; only a finished run can be retried");
        NotStopping();
        RunExecutor.PreparedRun? prepared;
        try
        {
            prepared = await session.Executor.PrepareRetryAsync(runId, job, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw OperationException.BadRequest("job", e.Message);
        }
        catch (InvalidOperationException e) when (e is not OperationException)
        {
            // Finished meanwhile by someone else's retry, held by another host, or its recorded definition no longer compiles.
            throw OperationException.Conflict(e.Message);
        }
        if (prepared is null)
            throw OperationException.Conflict($"nothing to retry: run {runId} {EnumText.Name(run.Status)} (no failed, cancelled or skipped job; give a job to run one again)");
        _log.RetryRequested(runId, job ?? "its failed, cancelled and skipped jobs");
        // A retried run is active again: it holds a slot of its workflow's concurrency, whatever the bound (a person asked for it).
        dispatcher.Occupy(run.Workflow);
        dispatcher.Carry(prepared.Run, ct => session.Executor.RunPreparedAsync(prepared, ct));
        return prepared.Run;
    }

    /// <summary>
    /// Asks a pending or running run to stop, as <c>cancel</c> does: at once when this host works on it; one nobody holds (queued, or
    /// its lease ran out) is taken and cancelled here; another host's acts within a second. Returns the run with its request.
    /// </summary>
    public async Task<RunRecord> CancelAsync(string runId)
    {
        var run = await session.Store.RequestCancelAsync(runId, time.GetUtcNow()).ConfigureAwait(false)
                  ?? throw await RunNotFoundAsync(runId).ConfigureAwait(false);
        if (run.IsFinished)
            throw OperationException.Conflict(
                $"run {runId} has already finished ({EnumText.Name(run.Status)}); only a pending or running run can be cancelled");
        _log.CancelAsked(runId);
        if (!session.Executor.CancelNow(runId) && run.HasNoHolder(time.GetUtcNow()) && !dispatcher.IsStopping)
        {
            // Leased here and cancelled at once by the executor, which finds the request on the run (its on exit handler still runs).
            dispatcher.Occupy(run.Workflow);
            dispatcher.Carry(run, ct => session.Executor.ResumeAsync(run, ct));
        }
        return run;
    }

    /// <summary>Sets or clears <paramref name="name"/>'s pause flag, as <c>pause</c>/<c>unpause</c> do, and applies it to this host at once.</summary>
    public async Task<PauseOutcome> SetPausedAsync(string name, bool pause)
    {
        var store = session.Store;
        // A workflow whose file is gone or broken may still be paused by the name the store knows.
        if (catalog.Workflows.All(w => w.Name != name) && !await WorkflowPause.KnownAsync(store, name).ConfigureAwait(false))
        {
            var names = catalog.Workflows.Select(w => w.Name).Concat(await WorkflowPause.StoreNamesAsync(store).ConfigureAwait(false)).Distinct();
            throw OperationException.NotFound($"no workflow named {name}{Near(name, names)}");
        }
        var outcome = await WorkflowPause.SetAsync(store, name, pause, time.GetUtcNow()).ConfigureAwait(false);
        await paused.PollAsync(CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Queues a run for each fire instant of <paramref name="name"/> in [from, to] that has none, as <c>backfill --no-wait</c> does; the host
    /// takes them within the workflow's concurrency. A dry run only lists the instants. <paramref name="from"/> and <paramref name="to"/>
    /// are ISO 8601; without an offset, in the workflow's zone.
    /// </summary>
    public async Task<BackfillOutcome> BackfillAsync(string name, string from, string to, bool dryRun, string? paramsJson)
    {
        var workflow = Workflow(name);
        var start = ReadTime("from", from, workflow.TimeZone);
        var end = ReadTime("to", to, workflow.TimeZone);
        var instants = Backfill.Instants(workflow, start, end, time.GetUtcNow(), "\"from\"", "\"to\"");
        var store = session.Store;
        var found = await Backfill.FindAsync(store, workflow.Name, instants).ConfigureAwait(false);
        if (dryRun)
            return new BackfillOutcome(workflow, start, end, true, found, 0, []);
        BackfillQueued queued;
        try
        {
            queued = await Backfill.QueueAsync(store, workflow, found, paramsJson).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw OperationException.BadRequest("params", e.Message);
        }
        _log.BackfillQueued(name, queued.Created.Count, start, end, found.Count(f => f.Existing is not null));
        // Taken now, as far as the workflow has free slots, rather than at the store watch's next tick.
        await queue.TakeNowAsync(name).ConfigureAwait(false);
        return new BackfillOutcome(workflow, start, end, false, found, queued.Created.Count, queued.ToRun);
    }

    /// <summary>The host's owner: who runs what it queues and triggers.</summary>
    public string Owner => session.Executor.Options.Owner;

    private static DateTimeOffset ReadTime(string field, string text, TimeZoneInfo zone) =>
        Iso8601.TryParse(text, zone, out var instant, out var error)
            ? instant
            : throw OperationException.BadRequest(field, $"\"{field}\" is not an ISO 8601 instant ('{text}'): {error}");

    private async Task<RunRecord> RunAsync(string runId) =>
        await session.Store.GetRunAsync(runId).ConfigureAwait(false) ?? throw await RunNotFoundAsync(runId).ConfigureAwait(false);

    private async Task<OperationException> RunNotFoundAsync(string runId)
    {
        var recent = (await session.Store.ListRunsAsync(null, RecentRuns).ConfigureAwait(false)).Select(r => r.RunId);
        return OperationException.NotFound($"no run {runId}{Near(runId, recent)}");
    }

    private async Task<OperationException> AtLimitAsync(WorkflowDefinition workflow)
    {
        var active = await session.Store.ListActiveRunsAsync(workflow.Name).ConfigureAwait(false);
        return OperationException.Conflict($"workflow {workflow.Name} is at its concurrency limit ({workflow.Concurrency}): active "
                                           + $"{string.Join(", ", active.Select(r => r.RunId))}; wait for one to end, or trigger with \"force\": true");
    }

    private void NotStopping()
    {
        if (dispatcher.IsStopping)
            throw OperationException.Conflict("the host is stopping: it starts no run; try again once it has started again");
    }

    // As docs/api.md words it: "no workflow named etl-dayly; did you mean etl-daily?"
    private static string Near(string name, IEnumerable<string> candidates) =>
        DidYouMean.Closest(name, candidates) is { } near ? $"; did you mean {near}?" : "";
}

/// <summary>What <see cref="HostOperations.BackfillAsync"/> did: the range as read, each instant with the run it had, and the runs queued to run.</summary>
internal sealed record BackfillOutcome(WorkflowDefinition Workflow, DateTimeOffset From, DateTimeOffset To, bool DryRun, IReadOnlyList<BackfillFire> Instants,
    int Queued, IReadOnlyList<RunRecord> ToRun);
