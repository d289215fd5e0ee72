namespace Symbol.Orchestrator.Execution;

/// <summary>
/// Where a queued run gets its place in its workflow's <c>concurrency</c>: the host's gates (which its fires take too), or
/// a verb's own count of the runs it has going.
/// </summary>
public interface IRunSlots
{
    /// <summary>Takes a slot of <paramref name="workflow"/> if one is free now; never waits.</summary>
    bool TryTake(string workflow);

    /// <summary>Gives back a slot <see cref="TryTake"/> took.</summary>
    void Release(string workflow);

    /// <summary>
    /// The bound on <paramref name="workflow"/>'s active runs the store checks as it hands a queued run over, counting the runs of every
    /// process; null for no check.
    /// </summary>
    int? MaxActive(string workflow);
}
