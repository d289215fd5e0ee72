namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Finds dependency cycles with an iterative depth-first search, so a chain of a million jobs cannot overflow the stack.</summary>
internal static class DependencyGraph
{
    public const int MaxReportedCycles = 10;

    /// <summary>
    /// Each cycle found, as the job names around it (first repeated last: <c>a, b, a</c>) and the edge
    /// that closes it. Jobs are visited in declaration order, so the report is stable.
    /// </summary>
    public static List<(IReadOnlyList<string> Cycle, Edge Closing)> FindCycles(JobNames names, IReadOnlyList<Edge> edges)
    {
        var jobs = names.Names;
        var next = new List<(int To, Edge Edge)>[jobs.Count];
        foreach (var edge in edges)
            if (names.IndexOf(edge.From) is >= 0 and var from && names.IndexOf(edge.To) is >= 0 and var to)
                (next[from] ??= []).Add((to, edge));

        var found = new List<(IReadOnlyList<string>, Edge)>();
        var state = new byte[jobs.Count]; // 0 unvisited, 1 on the current path, 2 done
        var path = new List<int>();
        var cursor = new List<int>();
        for (int root = 0; root < jobs.Count; root++)
        {
            if (state[root] != 0)
                continue;
            state[root] = 1;
            path.Add(root);
            cursor.Add(0);
            while (path.Count > 0)
            {
                int top = path.Count - 1, u = path[top];
                var outgoing = next[u];
                if (outgoing is null || cursor[top] >= outgoing.Count)
                {
                    state[u] = 2;
                    path.RemoveAt(top);
                    cursor.RemoveAt(top);
                    continue;
                }
                var (v, edge) = outgoing[cursor[top]++];
                if (state[v] == 0)
                {
                    state[v] = 1;
                    path.Add(v);
                    cursor.Add(0);
                }
                else if (state[v] == 1 && v != u && found.Count < MaxReportedCycles)
                {
                    int start = path.LastIndexOf(v);
                    var cycle = path.Skip(start).Select(k => jobs[k]).Append(jobs[v]).ToList();
                    found.Add((cycle, edge));
                }
            }
        }
        return found;
    }
}
