namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// The order a run can take: parallel layers, where layer 1 holds the jobs with no upstream and layer k
/// the jobs whose upstreams all sit in earlier layers. Within a layer jobs keep their declaration order.
/// </summary>
public static class JobPlan
{
    public static IReadOnlyList<IReadOnlyList<JobDefinition>> Layers(WorkflowDefinition workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return Layers(workflow.Jobs);
    }

    /// <summary>The layers of <paramref name="jobs"/>; throws if an upstream is unknown or the jobs form a cycle (the compiler rejects both).</summary>
    public static IReadOnlyList<IReadOnlyList<JobDefinition>> Layers(IReadOnlyList<JobDefinition> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var index = new Dictionary<string, int>(jobs.Count, StringComparer.Ordinal);
        for (int i = 0; i < jobs.Count; i++)
            index.TryAdd(jobs[i].Name, i);

        // Kahn's algorithm, one layer at a time: a job joins the layer after its last upstream's.
        var waitingFor = new int[jobs.Count];
        var downstream = jobs.Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < jobs.Count; i++)
        {
            foreach (var name in jobs[i].Upstream.Distinct(StringComparer.Ordinal))
            {
                if (!index.TryGetValue(name, out int up))
                    throw new ArgumentException($"job '{jobs[i].Name}' waits for unknown job '{name}'", nameof(jobs));
                downstream[up].Add(i);
                waitingFor[i]++;
            }
        }

        var layers = new List<IReadOnlyList<JobDefinition>>();
        var current = Enumerable.Range(0, jobs.Count).Where(i => waitingFor[i] == 0).ToList();
        int placed = 0;
        while (current.Count > 0)
        {
            layers.Add(current.Select(i => jobs[i]).ToArray());
            placed += current.Count;
            var next = new List<int>();
            foreach (int i in current)
                foreach (int d in downstream[i])
                    if (--waitingFor[d] == 0)
                        next.Add(d);
            next.Sort();
            current = next;
        }
        if (placed < jobs.Count)
        {
            var stuck = Enumerable.Range(0, jobs.Count).Where(i => waitingFor[i] > 0).Select(i => jobs[i].Name);
            throw new ArgumentException($"the jobs {string.Join(", ", stuck)} form a cycle", nameof(jobs));
        }
        return layers;
    }

    /// <summary>The layers as job names, the shape <c>preview --json</c> prints.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> LayerNames(WorkflowDefinition workflow) =>
        Layers(workflow).Select(layer => (IReadOnlyList<string>)layer.Select(j => j.Name).ToArray()).ToArray();
}
