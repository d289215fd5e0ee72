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
        // Each job's outgoing edges as a run of one array (by edge index, in edge order): three arrays for the
        // whole workflow rather than a list of tuples per job, since every workflow of a folder comes through here.
        var from = new int[edges.Count];
        var to = new int[edges.Count];
        var firstOut = new int[jobs.Count + 1];
        for (int e = 0; e < edges.Count; e++)
        {
            from[e] = names.IndexOf(edges[e].From);
            to[e] = names.IndexOf(edges[e].To);
            if (from[e] >= 0 && to[e] >= 0)
                firstOut[from[e] + 1]++;
        }
        for (int k = 0; k < jobs.Count; k++)
            firstOut[k + 1] += firstOut[k];
        var outgoing = new int[firstOut[jobs.Count]];
        var filled = firstOut[..^1];
        for (int e = 0; e < edges.Count; e++)
            if (from[e] >= 0 && to[e] >= 0)
                outgoing[filled[from[e]]++] = e;

        var found = new List<(IReadOnlyList<string>, Edge)>();
        var state = new byte[jobs.Count]; // 0 unvisited, 1 on the current path, 2 done
        var path = new int[jobs.Count];   // the jobs on the current path, and for each the next of its edges to follow
        var next = new int[jobs.Count];
        for (int root = 0; root < jobs.Count; root++)
        {
            if (state[root] != 0)
                continue;
            int depth = 0;
            state[root] = 1;
            (path[depth], next[depth]) = (root, firstOut[root]);
            depth++;
            while (depth > 0)
            {
                int u = path[depth - 1];
                if (next[depth - 1] >= firstOut[u + 1])
                {
                    state[u] = 2;
                    depth--;
                    continue;
                }
                int e = outgoing[next[depth - 1]++], v = to[e];
                if (state[v] == 0)
                {
                    state[v] = 1;
                    (path[depth], next[depth]) = (v, firstOut[v]);
                    depth++;
                }
                else if (state[v] == 1 && v != u && found.Count < MaxReportedCycles)
                {
                    int start = Array.LastIndexOf(path, v, depth - 1);
                    var cycle = path[start..depth].Select(k => jobs[k]).Append(jobs[v]).ToList();
                    found.Add((cycle, edges[e]));
                }
            }
        }
        return found;
    }
}
