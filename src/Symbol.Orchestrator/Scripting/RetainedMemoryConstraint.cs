using Jint;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// Jint's <c>LimitMemory</c> counts what a script allocates, so a loop that keeps nothing
/// (<c>for (…1e6…) n += ("row " + i).length</c>) failed "memory limit exceeded". This one asks, each time the
/// attempt's thread has allocated another <paramref name="step"/> bytes, whether the memory is really held
/// (<see cref="HeapBudget"/>), and carries on when it is not.
/// </summary>
internal sealed class RetainedMemoryConstraint(HeapBudget budget, long step) : Constraint
{
    private int _thread;
    private long _checkedAt;

    public override void Check()
    {
        // The allocation counter is per thread; on another thread (a continuation) start counting afresh.
        if (Environment.CurrentManagedThreadId != _thread)
        {
            Reset();
            return;
        }
        if (GC.GetAllocatedBytesForCurrentThread() - _checkedAt < step)
        {
            return;
        }
        budget.ThrowIfOver();
        _checkedAt = GC.GetAllocatedBytesForCurrentThread();
    }

    public override void Reset()
    {
        _thread = Environment.CurrentManagedThreadId;
        _checkedAt = GC.GetAllocatedBytesForCurrentThread();
    }
}
