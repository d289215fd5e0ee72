using System.Collections.Concurrent;
using Symbol.Orchestrator.Cli.Output;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// How <c>backfill</c>'s queued runs get run: here, through a <see cref="QueuedRunTaker"/> (as the host takes them) within the
/// workflow's concurrency, or by the host alive on the store, followed by reading the store. Either way a line per run as it ends.
/// </summary>
internal static class BackfillRuns
{
    // How often the store is read while waiting on others: a host's progress, a slot held by another process.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    // The runs read a poll while following a host: a few times more than ever run at once.
    private const int Window = 512;

    /// <summary>
    /// Runs <paramref name="runs"/> (queued, oldest first) in this process, at most the workflow's <c>concurrency</c> at once,
    /// counting its runs active elsewhere. Ctrl+C starts nothing more: the runs going are interrupted (a host resumes them),
    /// the rest stay queued. Returns the runs that ended, in the order given.
    /// </summary>
    public static async Task<IReadOnlyList<RunRecord>> RunHereAsync(RunSession session, WorkflowDefinition workflow, IReadOnlyList<RunRecord> runs,
        BackfillProgress progress, CliContext context, CancellationToken ct)
    {
        var ended = new ConcurrentDictionary<string, RunRecord>(StringComparer.Ordinal);
        var running = new List<Task>();
        var interrupted = 0;
        var started = 0;
        int free;
        int bound;
        try
        {
            free = await FreeSlotsAsync(session, workflow, context, ct);
            bound = await session.StoreBoundAsync(workflow, context.Time.GetUtcNow(), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            context.Error.WriteLine($"stopped: no run started; the {runs.Count} queued run(s) wait for the same backfill again, or a host");
            return [];
        }
        using var slots = new CountedSlots(free, bound);
        var taker = new QueuedRunTaker(session.Executor, slots, work =>
        {
            var task = Task.Run(() => work(ct), CancellationToken.None);
            running.Add(task);
            return task;
        }, async end =>
        {
            if (end.Finished is { } finished)
            {
                progress.Ended(finished, await FailureAsync(session.Store, finished));
                ended[finished.RunId] = finished;
            }
            else if (end.Interrupted)
            {
                Interlocked.Increment(ref interrupted);
                progress.Note(end.Queued.RunId, "interrupted: it stays running; a host started on this store resumes it");
            }
            else
                progress.Note(end.Queued.RunId, $"could not run: {end.Error!.Message}");
        });
        try
        {
            foreach (var run in runs)
            {
                QueuedStart result;
                while ((result = await taker.TryStartAsync(run)) is QueuedStart.NoSlot or QueuedStart.AtLimit)
                {
                    // At the limit in the store: another process's run holds the slot, and only the store says when it ends.
                    if (result == QueuedStart.AtLimit)
                        await Task.Delay(Poll, ct);
                    else
                        await slots.WaitAsync(ct);
                }
                if (result == QueuedStart.Taken)
                    progress.Note(run.RunId, "was taken by another process (a host started meanwhile?): `orchestrator runs` shows it");
                else
                    started++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        // The runs never throw: each one's end, whatever it was, was reported above.
        await Task.WhenAll(running);
        progress.Dispose();
        if (ct.IsCancellationRequested)
            context.Error.WriteLine($"stopped: {ended.Count} run(s) ended, {interrupted} interrupted (a host started on this store resumes them), "
                                    + $"{runs.Count - started} left queued (the same backfill again, or a host, runs them)");
        return runs.Where(r => ended.ContainsKey(r.RunId)).Select(r => ended[r.RunId]).ToList();
    }

    /// <summary>
    /// Follows <paramref name="runs"/> while the host runs them: reads the store until each has ended, a line per run. Ctrl+C
    /// stops following, not the runs. Returns the runs that ended, in the order given.
    /// </summary>
    public static async Task<IReadOnlyList<RunRecord>> FollowAsync(IStateStoreFactory stores, IStateStore store, string workflow, IReadOnlyList<RunRecord> runs,
        BackfillProgress progress, CliContext context, CancellationToken ct)
    {
        var waiting = new List<RunRecord>(runs);
        var ended = new List<RunRecord>();
        var pausedSaid = false;
        try
        {
            while (waiting.Count > 0)
            {
                // The host takes a workflow's queued runs oldest first: the runs that ended are at the front, and the first
                // still queued has only queued ones after it.
                var window = waiting.Take(Window).ToList();
                var now = (await store.GetRunsAsync(window.Select(r => r.RunId).ToArray(), ct)).ToDictionary(r => r.RunId, StringComparer.Ordinal);
                var gone = new HashSet<string>(StringComparer.Ordinal);
                foreach (var run in window)
                {
                    if (now.GetValueOrDefault(run.RunId) is not { } read)
                        gone.Add(run.RunId); // deleted from the store: nothing to follow
                    else if (read.IsFinished)
                    {
                        progress.Ended(read, await FailureAsync(store, read));
                        ended.Add(read);
                        gone.Add(run.RunId);
                    }
                    else if (read.IsQueued)
                        break;
                }
                waiting.RemoveAll(r => gone.Contains(r.RunId));
                if (waiting.Count == 0)
                    break;
                // A whole window ended: read the next at once.
                if (gone.Count == window.Count)
                    continue;
                // A host that stops leaves the queue as it is: say so rather than wait for a host that may never come back.
                if (stores.LiveHostOwner() is null)
                {
                    progress.Dispose();
                    context.Error.WriteLine($"the host stopped: {waiting.Count} run(s) not ended; the next host started on this store runs (or resumes) them, "
                                            + "or run this backfill again to run the queued ones here");
                    break;
                }
                if (!pausedSaid && (await store.ListPausedAsync(ct)).TryGetValue(workflow, out var since))
                {
                    pausedSaid = true;
                    context.Error.WriteLine(TerminalText.Escape(
                        $"note: workflow '{workflow}' is paused (since {Iso.Format(since)}): the host runs its queued runs once it is unpaused"));
                }
                await Task.Delay(Poll, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            progress.Dispose();
            context.Error.WriteLine($"stopped following: the host carries on with the {waiting.Count} run(s) not ended; `orchestrator runs --workflow {workflow}` shows them");
        }
        progress.Dispose();
        return ended;
    }

    // The runs the workflow has going elsewhere (a host that died holds none) take their slots; with none left, wait for one.
    private static async Task<int> FreeSlotsAsync(RunSession session, WorkflowDefinition workflow, CliContext context, CancellationToken ct)
    {
        var said = false;
        while (true)
        {
            var active = await session.ActiveRunsAsync(workflow.Name, context.Time.GetUtcNow(), ct);
            if (active.Count < workflow.Concurrency)
                return workflow.Concurrency - active.Count;
            if (!said)
                context.Error.WriteLine(TerminalText.Escape($"waiting: workflow '{workflow.Name}' is at its concurrency limit ({workflow.Concurrency}): active "
                                                            + string.Join(", ", active.Select(r => $"{r.RunId} ({r.LeaseOwner})"))));
            said = true;
            await Task.Delay(Poll, ct);
        }
    }

    // A failed run's line names what failed: its first failed job and the first line of that job's error.
    private static async Task<string?> FailureAsync(IStateStore store, RunRecord run)
    {
        if (run.Status != RunStatus.Failed)
            return null;
        var failed = (await store.GetJobsAsync(run.RunId)).FirstOrDefault(j => j.Status == JobStatus.Failed);
        if (failed is null)
            return null;
        var error = failed.Error ?? "";
        var end = error.IndexOfAny(['\r', '\n']);
        return $"job {failed.Job}: {(end < 0 ? error : error[..end])}";
    }

    /// <summary>This process's slots: the free places of the workflow's concurrency when the backfill began; the store checks <paramref name="bound"/> as it hands each run over.</summary>
    private sealed class CountedSlots(int free, int bound) : IRunSlots, IDisposable
    {
        private readonly SemaphoreSlim _free = new(free);

        public bool TryTake(string workflow) => _free.Wait(0);

        public void Release(string workflow) => _free.Release();

        public int? MaxActive(string workflow) => bound;

        /// <summary>Waits until a slot is free, without taking it (<see cref="TryTake"/> does).</summary>
        public async Task WaitAsync(CancellationToken ct)
        {
            await _free.WaitAsync(ct);
            _free.Release();
        }

        public void Dispose() => _free.Dispose();
    }
}
