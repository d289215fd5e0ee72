namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// One <see cref="WorkflowGate"/> per workflow name, kept for the life of the host: a reload that changes a
/// workflow's <c>concurrency</c> changes its gate's bound, and the runs already active keep counting against it.
/// </summary>
internal sealed class ConcurrencyGates
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, WorkflowGate> _gates = new(StringComparer.Ordinal);
    private bool _closed;

    public WorkflowGate For(string workflow)
    {
        lock (_lock)
        {
            if (!_gates.TryGetValue(workflow, out var gate))
            {
                gate = new WorkflowGate();
                if (_closed)
                    gate.Close();
                _gates[workflow] = gate;
            }
            return gate;
        }
    }

    /// <summary>The runs holding a slot, across every workflow: what a stopping host waits for.</summary>
    public int ActiveRuns
    {
        get
        {
            lock (_lock)
                return _gates.Values.Sum(g => g.Active);
        }
    }

    /// <summary>The store watch ticked: fires waiting for the store's count to drop (runs held by other hosts) try again.</summary>
    public void WakeAll()
    {
        lock (_lock)
            foreach (var gate in _gates.Values)
                gate.Wake();
    }

    /// <summary>The host is stopping: drops every fire waiting for a slot and refuses new ones. How many were dropped.</summary>
    public int Close()
    {
        lock (_lock)
        {
            _closed = true;
            return _gates.Values.Sum(gate => gate.Close());
        }
    }
}

/// <summary>
/// One workflow's <c>concurrency</c> on this host: how many of its runs are active, its bound, the fires waiting
/// for a slot (first come, first served), and the order its fires are recorded in. Fires are recorded one after
/// another in the order they joined, because the store's watermark is a single instant per workflow: recording a
/// later fire before an earlier one would let a crash in between lose the earlier one.
/// </summary>
internal sealed class WorkflowGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private Task<bool> _lastRecorded = Task.FromResult(true);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _limit = 1;
    private int _active;
    private bool _closed;

    public int Active
    {
        get
        {
            lock (_lock)
                return _active;
        }
    }

    /// <summary>The fires waiting for a slot.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
                return _waiting.Count;
        }
    }

    public int Limit
    {
        get
        {
            lock (_lock)
                return _limit;
        }
    }

    /// <summary>A new bound; the runs already active count against it, so a lower one admits nothing until enough have ended.</summary>
    public void SetLimit(int limit)
    {
        lock (_lock)
        {
            _limit = Math.Max(1, limit);
            GrantLocked();
        }
    }

    /// <summary>Counts a run that is already active (resumed at start-up), whatever the bound: it is not a new fire.</summary>
    public void Occupy()
    {
        lock (_lock)
            _active++;
    }

    /// <summary>
    /// Takes a slot for a run that is not a fire (a queued backfill run) if one is free now and no fire waits for one (a
    /// waiting fire goes first); never waits, so a run that cannot start stays where it is.
    /// </summary>
    public bool TryOccupy()
    {
        lock (_lock)
        {
            if (_closed || _waiting.Count > 0 || _active >= _limit)
                return false;
            _active++;
            return true;
        }
    }

    /// <summary>
    /// A fire takes its place, in fire order: its turn to be recorded after every earlier fire, and a slot at
    /// once, a place in line (<paramref name="queue"/>, while fewer than <paramref name="queueMax"/> wait), or none
    /// (the bound is reached and it is to be skipped, or the line is full and it is dropped).
    /// </summary>
    public GateTicket Join(bool queue, int queueMax)
    {
        lock (_lock)
        {
            var recorded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var earlier = _lastRecorded;
            _lastRecorded = recorded.Task;
            Task? slot;
            var full = false;
            if (_closed)
                slot = Task.FromCanceled(new CancellationToken(canceled: true));
            else if (_waiting.Count == 0 && _active < _limit)
            {
                _active++;
                slot = Task.CompletedTask;
            }
            else if (queue && _waiting.Count < queueMax)
            {
                var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.AddLast(wait);
                slot = wait.Task;
            }
            else
            {
                slot = null;
                full = queue;
            }
            return new GateTicket(slot, earlier, recorded) { QueueFull = full };
        }
    }

    /// <summary>
    /// A fire that is to take no slot (its workflow is paused): only its turn to be recorded after every earlier fire,
    /// so the watermark passes it no sooner than the fires before it.
    /// </summary>
    public GateTicket Pass()
    {
        lock (_lock)
        {
            var recorded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var earlier = _lastRecorded;
            _lastRecorded = recorded.Task;
            return new GateTicket(null, earlier, recorded);
        }
    }

    /// <summary>A run that held a slot has ended: the next fire in line, if any, gets it.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _active--;
            GrantLocked();
        }
        Wake();
    }

    /// <summary>
    /// Completes at the next <see cref="Wake"/>: what a fire that holds a slot here, but found the store's count at the bound (runs
    /// of other hosts), waits for before it tries again. Cancelled when the waiting fires are dropped. Take it before asking the store,
    /// so a run that ends in between is not missed.
    /// </summary>
    public Task NextWake
    {
        get
        {
            lock (_lock)
                return _closed ? Task.FromCanceled(new CancellationToken(canceled: true)) : _wake.Task;
        }
    }

    /// <summary>A run of the workflow ended here, or the store watch ticked: a fire waiting on the store's count tries again.</summary>
    public void Wake()
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            woken = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.TrySetResult();
    }

    /// <summary>Drops the fires waiting for a slot (the workflow was removed): their slot is cancelled. How many there were.</summary>
    public int DropWaiting()
    {
        TaskCompletionSource woken;
        int dropped;
        lock (_lock)
        {
            dropped = _waiting.Count;
            foreach (var wait in _waiting)
                wait.TrySetCanceled();
            _waiting.Clear();
            woken = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        // Fires waiting on the store's count are dropped too.
        woken.TrySetCanceled();
        return dropped;
    }

    /// <summary>Drops the waiting fires and refuses any new one: the host is stopping. How many were dropped.</summary>
    public int Close()
    {
        lock (_lock)
            _closed = true;
        return DropWaiting();
    }

    private void GrantLocked()
    {
        while (_active < _limit && _waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            _active++;
            next.Value.TrySetResult();
        }
    }
}

/// <summary>One fire's place at its workflow's gate.</summary>
/// <param name="Slot">
/// Completes once the fire holds a slot (at once if one was free); cancelled if the fire was dropped while it
/// waited; null when the bound was reached and the fire is not to wait (overlap skip).
/// </param>
/// <param name="EarlierRecorded">
/// Completes when every earlier fire of the workflow has been recorded or given up: true if they were all
/// recorded, so the watermark may pass them.
/// </param>
/// <param name="Recorded">Set by the fire once it is recorded (true) or given up (false), for the next fire's <paramref name="EarlierRecorded"/>.</param>
internal sealed record GateTicket(Task? Slot, Task<bool> EarlierRecorded, TaskCompletionSource<bool> Recorded)
{
    /// <summary>No slot because the line was full (<c>overlap queue max</c>), not because the workflow skips overlaps.</summary>
    public bool QueueFull { get; init; }
}
