using Jint;
using Jint.Constraints;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// A fresh engine per attempt, with the limits of <see cref="SandboxOptions"/> and no CLR access
/// (no <c>AllowClr</c>: <c>System</c>, <c>importNamespace</c> and <c>require</c> do not exist).
/// </summary>
internal static class SandboxEngine
{
    /// <summary>
    /// Wall time and cancellation come from <paramref name="deadline"/>, which the caller arms for the
    /// whole attempt: Jint's <c>TimeoutInterval</c> restarts at every entry (each <c>use file</c>, the
    /// body, a <c>toJSON</c> during serialisation), this one does not, and it reports cancellation as an
    /// <see cref="OperationCanceledException"/> rather than a script failure. It throws the same
    /// <see cref="TimeoutException"/> for the time limit.
    /// </summary>
    public static Engine Create(SandboxOptions options, TimeSpan timeout, OperationDeadlineConstraint deadline, MemoryLimits limits, HeapBudget heap)
    {
        var engine = new Engine(o =>
        {
            o.Constraint(deadline);
            if (limits.Enabled)
            {
                // Not LimitMemory: it counts allocation, not what is held (see RetainedMemoryConstraint).
                o.Constraint(new RetainedMemoryConstraint(heap, limits.Bytes));
                o.Constraints.MaxArraySize = limits.MaxArrayLength;
            }
            o.MaxStatements(options.MaxStatements);
            o.LimitRecursion(options.MaxRecursion > 0 ? options.MaxRecursion : -1);
            // Recursion through eval or new Function repeats no function, so LimitRecursion never sees it:
            // without the guard it would end in a stack overflow that kills the host.
            o.Constraints.StackOverflowGuard = true;
            // A backtracking regex runs inside .NET's Regex, where no statement check can stop it.
            o.Constraints.RegexTimeout = timeout;
            // Atomics.wait would block the thread past every limit and cancellation.
            o.AgentCanSuspend = false;
        });
        if (limits.Enabled)
        {
            StringSizeGuard.Install(engine, limits);
        }
        return engine;
    }
}
