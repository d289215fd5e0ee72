using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// Takes queued runs (<see cref="RunRecord.IsQueued"/>: a backfill's) and runs them through an executor, each only once it
/// holds a slot of its workflow's concurrency: a run that cannot start now is never leased, so it stays queued for whoever
/// has room. The host feeds it the store's queued runs from its store watch; <c>backfill</c> feeds it the runs it queued
/// when no host is alive. Of several takers racing for one run, the store's lease lets one win.
/// </summary>
public sealed class QueuedRunTaker
{
    private readonly RunExecutor _executor;
    private readonly IRunSlots _slots;
    private readonly Func<Func<CancellationToken, Task>, Task> _start;
    private readonly Func<QueuedRunEnd, Task> _ended;

    /// <param name="start">Starts a run's work in the background with the token that interrupts it (the host's run tracker, or a verb's Ctrl+C).</param>
    /// <param name="ended">Told of each run it started once the run is over and its slot given back.</param>
    public QueuedRunTaker(RunExecutor executor, IRunSlots slots, Func<Func<CancellationToken, Task>, Task> start, Func<QueuedRunEnd, Task> ended)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(ended);
        (_executor, _slots, _start, _ended) = (executor, slots, start, ended);
    }

    /// <summary>
    /// Starts <paramref name="queued"/> in the background if its workflow has a free slot and nobody else took the run first;
    /// otherwise changes nothing.
    /// </summary>
    public async Task<QueuedStart> TryStartAsync(RunRecord queued)
    {
        ArgumentNullException.ThrowIfNull(queued);
        if (!_slots.TryTake(queued.Workflow))
            return QueuedStart.NoSlot;
        RunRecord? run;
        var maxActive = _slots.MaxActive(queued.Workflow);
        try
        {
            run = await _executor.TakeQueuedAsync(queued, maxActive).ConfigureAwait(false);
            // Refused: taken by someone else, or (still queued) its workflow is at its concurrency with runs held elsewhere.
            if (run is null && maxActive is not null)
            {
                _slots.Release(queued.Workflow);
                return await _executor.IsQueuedAsync(queued.RunId).ConfigureAwait(false) ? QueuedStart.AtLimit : QueuedStart.Taken;
            }
        }
        catch
        {
            _slots.Release(queued.Workflow);
            throw;
        }
        if (run is null)
        {
            _slots.Release(queued.Workflow);
            return QueuedStart.Taken;
        }
        _ = _start(ct => RunAsync(run, ct));
        return QueuedStart.Started;
    }

    private async Task RunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        RunRecord? finished = null;
        Exception? error = null;
        try
        {
            finished = await _executor.RunTakenAsync(run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            _slots.Release(run.Workflow);
        }
        await _ended(new QueuedRunEnd(run, finished, error)).ConfigureAwait(false);
    }
}

/// <summary>What <see cref="QueuedRunTaker.TryStartAsync"/> did with a queued run.</summary>
public enum QueuedStart
{
    /// <summary>It holds a slot and its lease, and runs in the background.</summary>
    Started,

    /// <summary>Its workflow is at its concurrency: it stays queued.</summary>
    NoSlot,

    /// <summary>
    /// Its workflow is at its concurrency in the store, with runs held by other processes (another host): it stays queued. A
    /// slot freeing here does not change that; try again later.
    /// </summary>
    AtLimit,

    /// <summary>Someone else took it first (it is leased, or it has run already).</summary>
    Taken,
}

/// <summary>
/// A run a <see cref="QueuedRunTaker"/> started, over: <paramref name="Finished"/> as the store has it at its end, or the
/// <paramref name="Error"/> that stopped it (an <see cref="OperationCanceledException"/> when it was interrupted: it stays
/// running in the store, and a host resumes it at its next start).
/// </summary>
public sealed record QueuedRunEnd(RunRecord Queued, RunRecord? Finished, Exception? Error)
{
    public bool Interrupted => Error is OperationCanceledException;
}
