using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The host's side of <c>backfill</c>: on every tick of the <see cref="StoreWatch"/> it takes the store's queued runs,
/// oldest first, each with a slot at its workflow's gate as a fire takes one (fires waiting for a slot go first), and runs
/// them as its own. A paused workflow's queued runs wait until it is unpaused. When one of them ends, the next queued run
/// of its workflow starts at once rather than at the next tick, so a backfill with <c>concurrency 1</c> runs back to back.
/// </summary>
internal sealed class QueuedRunPoller : IDisposable
{
    // Queued runs looked at a tick; the rest are the next ticks' (each tick starts at most the free slots anyway).
    private const int Batch = 1000;

    private readonly HostSession _session;
    private readonly FireDispatcher _dispatcher;
    private readonly CatalogApplier _catalog;
    private readonly PausedWorkflows _paused;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _taking = new(1, 1);
    private QueuedRunTaker? _taker;

    public QueuedRunPoller(HostSession session, FireDispatcher dispatcher, CatalogApplier catalog, PausedWorkflows paused, StoreWatch watch,
        ILoggerFactory loggers)
    {
        _paused = paused;
        _session = session;
        _dispatcher = dispatcher;
        _catalog = catalog;
        _log = loggers.CreateLogger(WorkflowHost.LogCategory);
        watch.Register("queued runs", ct => TakeAsync(null, Batch, ct));
    }

    /// <summary>
    /// Takes queued runs from now on. The host calls it once its workflows are placed, so each gate has its workflow's
    /// concurrency before a queued run asks it for a slot.
    /// </summary>
    public void Start() =>
        _taker = new QueuedRunTaker(_session.Executor, _dispatcher, _dispatcher.Track, EndedAsync);

    /// <summary>Starts the queued runs (of <paramref name="workflow"/>, or all) that have a slot now, oldest first.</summary>
    private async Task TakeAsync(string? workflow, int limit, CancellationToken cancellationToken)
    {
        if (_taker is not { } taker)
            return;
        await _taking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var store = _session.Store;
            var queued = await store.ListQueuedRunsAsync(workflow, limit, cancellationToken).ConfigureAwait(false);
            if (queued.Count == 0)
                return;
            // The pauses as the host knows them (read on the same watch): one place decides what a pause holds back.
            var full = new HashSet<string>(_paused.Names, StringComparer.Ordinal);
            await StartAsync(taker, queued, full).ConfigureAwait(false);
            // A full batch may be all a paused (or busy) workflow's: the other workflows' queued runs are looked for by name,
            // so a long backlog held back never starves them.
            if (workflow is null && queued.Count == Batch)
                foreach (var name in _catalog.Workflows.Select(w => w.Name).Except(queued.Select(r => r.Workflow)).Where(n => !full.Contains(n)).ToList())
                    await StartAsync(taker, await store.ListQueuedRunsAsync(name, SlotsOf(name), cancellationToken).ConfigureAwait(false), full).ConfigureAwait(false);
        }
        finally
        {
            _taking.Release();
        }
    }

    /// <summary>Starts <paramref name="workflow"/>'s queued runs that have a slot now (a backfill just queued them); a failed read is retried at the next tick.</summary>
    public async Task TakeNowAsync(string workflow)
    {
        try
        {
            await TakeAsync(workflow, SlotsOf(workflow), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.PollFailed(e, "queued runs");
        }
    }

    public void Dispose() => _taking.Dispose();

    // How many of a workflow's queued runs are worth reading at once: no more than it may have active.
    private int SlotsOf(string workflow) => Math.Max(1, _dispatcher.MaxActive(workflow) ?? 1);

    // Oldest first; a workflow without a free slot now has none for its later runs either: they keep their place in line.
    private async Task StartAsync(QueuedRunTaker taker, IReadOnlyList<RunRecord> queued, HashSet<string> full)
    {
        foreach (var run in queued)
        {
            if (full.Contains(run.Workflow))
                continue;
            var started = await taker.TryStartAsync(run).ConfigureAwait(false);
            if (started is QueuedStart.NoSlot or QueuedStart.AtLimit)
                full.Add(run.Workflow);
            else if (started == QueuedStart.Started)
                _log.TakingQueued(run.RunId, run.Workflow);
        }
    }

    private async Task EndedAsync(QueuedRunEnd end)
    {
        var run = end.Queued;
        if (end.Finished is { } finished)
            await _dispatcher.LogRunEndedAsync(finished).ConfigureAwait(false);
        // A lost lease was logged by the executor, once, as a warning: the run goes on on another host.
        else if (!end.Interrupted && end.Error is not LeaseLostException)
            _log.ResumeFailed(end.Error!, run.RunId, run.Workflow);
        // Interrupted: the host is stopping; the run stays running and this host's next start resumes it.
        if (end.Interrupted)
            return;
        try
        {
            // As many as the workflow may have active, not a tick's batch: a run ends every few milliseconds in a drain, and reading a
            // thousand queued runs (definitions included) after each made the read, not the runs, the drain's pace.
            await TakeAsync(run.Workflow, SlotsOf(run.Workflow), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.PollFailed(e, "queued runs");
        }
    }
}
