using System.Text;

namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// Writes a Graphviz <c>digraph</c>. Every id is quoted, so a job named <c>node</c> or <c>graph</c> is just a name. Handlers are
/// dashed, rounded nodes with no edges: they run after the whole run, not after any one job.
/// </summary>
internal static class DotGraph
{
    public static string Render(IReadOnlyList<WorkflowDefinition> workflows)
    {
        var text = new StringBuilder();
        if (workflows.Count == 1)
        {
            var workflow = workflows[0];
            text.Append("digraph ").Append(Quote(workflow.Name)).Append(" {\n    rankdir=LR;\n    node [shape=box];\n");
            Body(text, workflow, name => Quote(name), labelAll: false, indent: "    ");
            return text.Append("}\n").ToString();
        }
        text.Append("digraph workflows {\n    rankdir=LR;\n    node [shape=box];\n");
        foreach (var workflow in workflows)
        {
            text.Append("    subgraph ").Append(Quote("cluster_" + workflow.Name)).Append(" {\n");
            text.Append("        label=").Append(Quote(workflow.Name)).Append(";\n");
            // "etl.load": a dot cannot occur in a name, so ids stay unique across workflows.
            Body(text, workflow, name => Quote($"{workflow.Name}.{name}"), labelAll: true, indent: "        ");
            text.Append("    }\n");
        }
        return text.Append("}\n").ToString();
    }

    private static void Body(StringBuilder text, WorkflowDefinition workflow, Func<string, string> id, bool labelAll, string indent)
    {
        if (labelAll)
            foreach (var job in workflow.Jobs)
                text.Append(indent).Append(id(job.Name)).Append(" [label=").Append(Quote(job.Name)).Append("];\n");
        foreach (var (from, to) in WorkflowGraph.DistinctEdges(workflow))
            text.Append(indent).Append(id(from)).Append(" -> ").Append(id(to)).Append(";\n");
        if (!labelAll)
            foreach (var name in WorkflowGraph.IsolatedJobs(workflow))
                text.Append(indent).Append(id(name)).Append(";\n");
        // "on failure" has a space, which no job name has: its id never clashes with a job's.
        foreach (var handler in workflow.Handlers)
            text.Append(indent).Append(id(handler.Name)).Append(" [label=").Append(Quote(handler.Name)).Append(", style=\"dashed,rounded\"];\n");
    }

    private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
