namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// What the scripts of one runner may hold together: the managed heap as it was when the runner started, plus
/// <c>Script:MemoryMb</c> for each of <c>MaxParallelJobs</c> attempts and one more for the host's own growth.
/// Measured only when an attempt has allocated another <c>MemoryMb</c> (<see cref="RetainedMemoryConstraint"/>),
/// and a collection is forced only when the heap, garbage included, is over it; so a loop that keeps nothing
/// runs on however much it allocates, and <c>MaxParallelJobs</c> runaway scripts cannot take the host past it.
/// The attempt that finds the heap over it fails; with one runaway script that is nearly always the runaway.
/// </summary>
internal sealed class HeapBudget
{
    private const long MiB = 1024 * 1024;

    private readonly Lock _collecting = new();
    private readonly int _memoryMb;
    private readonly int _parallel;
    private readonly long _atStart;

    public HeapBudget(int memoryMb, int maxParallelJobs)
    {
        _memoryMb = memoryMb;
        _parallel = Math.Max(1, maxParallelJobs);
        _atStart = GC.GetTotalMemory(forceFullCollection: false);
        Limit = _atStart + (_parallel + 1L) * memoryMb * MiB;
    }

    /// <summary>The most the managed heap may hold after a collection while scripts run, in bytes.</summary>
    public long Limit { get; }

    public void ThrowIfOver()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) <= Limit)
        {
            return;
        }
        long held;
        lock (_collecting)
        {
            // One collection at a time: attempts that arrive together share the first one's result.
            if (GC.GetTotalMemory(forceFullCollection: false) <= Limit)
            {
                return;
            }
            GC.Collect();
            held = GC.GetTotalMemory(forceFullCollection: false);
        }
        if (held > Limit)
        {
            throw new ScriptLimitException(
                $"memory limit exceeded: scripts held {held / MiB:N0} MiB after a collection, over the {Limit / MiB:N0} MiB this host allows them "
                + $"({_atStart / MiB:N0} MiB at start + Script:MemoryMb {_memoryMb} × (MaxParallelJobs {_parallel} + 1))");
        }
    }
}
