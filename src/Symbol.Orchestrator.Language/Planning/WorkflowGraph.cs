namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// The dependency graph of workflows as text: every job a node (isolated jobs included), every edge
/// once, in declaration order. Several workflows become one graph with a box (subgraph) each.
/// </summary>
public static class WorkflowGraph
{
    public static string Render(IReadOnlyList<WorkflowDefinition> workflows, GraphFormat format)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        return format switch
        {
            GraphFormat.Mermaid => MermaidGraph.Render(workflows),
            GraphFormat.Dot => DotGraph.Render(workflows),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown graph format"),
        };
    }

    public static string Render(WorkflowDefinition workflow, GraphFormat format) => Render([workflow], format);

    /// <summary>The edges to draw: each (from, to) once, in the order the file declares them.</summary>
    internal static IEnumerable<(string From, string To)> DistinctEdges(WorkflowDefinition workflow) =>
        workflow.Edges.Select(e => (e.From, e.To))
            .Concat(workflow.Jobs.SelectMany(j => j.Upstream.Select(up => (up, j.Name))))
            .Distinct();

    /// <summary>Jobs that no edge touches; they would vanish from a graph drawn from edges alone.</summary>
    internal static IEnumerable<string> IsolatedJobs(WorkflowDefinition workflow)
    {
        var connected = DistinctEdges(workflow).SelectMany(e => new[] { e.From, e.To }).ToHashSet(StringComparer.Ordinal);
        return workflow.Jobs.Select(j => j.Name).Where(name => !connected.Contains(name));
    }
}
