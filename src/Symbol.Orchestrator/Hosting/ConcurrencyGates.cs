using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// One semaphore per workflow, sized by its <c>concurrency</c>. A reload that changes the bound gives the
/// workflow a new semaphore; runs started under the old one release it and it is dropped.
/// </summary>
internal sealed class ConcurrencyGates
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Limit, SemaphoreSlim Slots)> _gates = new(StringComparer.Ordinal);

    public SemaphoreSlim For(WorkflowDefinition workflow)
    {
        var limit = Math.Max(1, workflow.Concurrency);
        lock (_lock)
        {
            if (_gates.TryGetValue(workflow.Name, out var gate) && gate.Limit == limit)
                return gate.Slots;
            var slots = new SemaphoreSlim(limit, limit);
            _gates[workflow.Name] = (limit, slots);
            return slots;
        }
    }
}
