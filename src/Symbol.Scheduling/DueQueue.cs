namespace Symbol.Scheduling;

/// <summary>
/// The scheduler's pending fires, earliest first and, at one instant, in the order they were queued. A min-heap keyed
/// by the instant alone (a plain <see cref="long"/>) holds one entry per distinct instant; each entry keeps its fires in
/// a FIFO. A (due, sequence) key does the same in one heap, but a heap over that tuple key runs unoptimised code in a
/// cold process's first burst (the runtime has no precompiled code for it): 0.54 M fires/s against 2.5 M/s here.
/// An entry whose job was removed or rescheduled since it was queued is stale and skipped when it is reached.
/// </summary>
internal sealed class DueQueue
{
    private readonly PriorityQueue<Instant, long> _heap = new();
    private readonly Dictionary<long, Instant> _instants = new();
    private long _sequence;

    /// <summary>Queues <paramref name="job"/> at <paramref name="due"/>; true when that is now the earliest instant.</summary>
    public bool Add(ScheduledJob job, long due)
    {
        long sequence = _sequence++;
        job.HeapSequence = sequence;
        if (!_instants.TryGetValue(due, out var instant))
        {
            instant = new Instant();
            _instants.Add(due, instant);
            _heap.Enqueue(instant, due);
        }
        instant.Jobs.Enqueue(job);
        instant.Sequences.Enqueue(sequence);
        return ReferenceEquals(_heap.Peek(), instant) && instant.Jobs.Count == 1;
    }

    /// <summary>The earliest instant with an entry (which may be stale), if any.</summary>
    public long? EarliestDue => _heap.TryPeek(out _, out var due) ? due : null;

    /// <summary>Takes the next live fire due at or before <paramref name="now"/>, dropping stale entries on the way.</summary>
    public bool TryTakeDue(long now, out ScheduledJob job, out long due)
    {
        while (_heap.TryPeek(out var instant, out due) && due <= now)
        {
            var next = instant.Jobs.Dequeue();
            long sequence = instant.Sequences.Dequeue();
            if (instant.Jobs.Count == 0)
            {
                _heap.Dequeue();
                _instants.Remove(due);
            }
            if (next.HeapSequence != sequence)
                continue;
            next.HeapSequence = -1;
            job = next;
            return true;
        }
        job = null!;
        due = 0;
        return false;
    }

    /// <summary>The live entries, earliest first, in queue order at one instant.</summary>
    public IEnumerable<(ScheduledJob Job, long Due)> Pending() =>
        _heap.UnorderedItems
            .OrderBy(e => e.Priority)
            .SelectMany(e => e.Element.Jobs.Zip(e.Element.Sequences).Where(f => f.First.HeapSequence == f.Second).Select(f => (f.First, e.Priority)));

    public void EnsureCapacity(int instants) => _heap.EnsureCapacity(instants);

    // Two queues in step rather than one of (job, sequence) pairs: queues of a class and of a long have precompiled
    // code, a queue of a pair does not, and it ran unoptimised through the first seconds of a cron load.
    private sealed class Instant
    {
        public Queue<ScheduledJob> Jobs { get; } = new();
        public Queue<long> Sequences { get; } = new();
    }
}
