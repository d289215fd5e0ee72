using System.Text;

namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// Writes a Mermaid <c>flowchart LR</c>. Handlers are dashed, rounded nodes with no edges: they run after the whole
/// run, not after any one job.
/// </summary>
internal static class MermaidGraph
{
    // Words Mermaid's flowchart lexer reads as syntax: a job named "end" used as a node id closes the chart.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "end", "graph", "flowchart", "subgraph", "style", "classDef", "class", "click", "linkStyle",
        "direction", "default", "call", "href", "interpolate", "accTitle", "accDescr",
    };

    public static string Render(IReadOnlyList<WorkflowDefinition> workflows)
    {
        var text = new StringBuilder("flowchart LR\n");
        if (workflows.Count == 1)
        {
            var workflow = workflows[0];
            text.Append("    %% workflow ").Append(workflow.Name).Append('\n');
            // Job names are node ids when Mermaid allows; otherwise every node gets a neutral id and a label.
            // A handler's node is on_failure, unless a job has that name too.
            bool plain = workflow.Jobs.All(j => !Reserved.Contains(j.Name) && !workflow.Handlers.Any(h => PlainId(h) == j.Name));
            var ids = workflow.Jobs.Select((j, i) => (j.Name, Id: plain ? j.Name : $"j{i}")).ToDictionary(p => p.Name, p => p.Id, StringComparer.Ordinal);
            Body(text, workflow, ids, labelAll: !plain, indent: "    ");
            Handlers(text, workflow, h => plain ? PlainId(h) : $"h{(int)h.When}", "    ");
            return EndWithHandlerStyle(text, workflows);
        }
        for (int w = 0; w < workflows.Count; w++)
        {
            var workflow = workflows[w];
            // "w2_load" is unique across workflows: the digits before the first '_' name the workflow.
            var ids = workflow.Jobs.ToDictionary(j => j.Name, j => $"w{w + 1}_{j.Name}", StringComparer.Ordinal);
            text.Append("    subgraph w").Append(w + 1).Append(" [\"").Append(workflow.Name).Append("\"]\n");
            Body(text, workflow, ids, labelAll: true, indent: "        ");
            // "w2h_failure": no job's id has a letter after the workflow's digits.
            Handlers(text, workflow, h => $"w{w + 1}h_{EnumText.Name(h.When)}", "        ");
            text.Append("    end\n");
        }
        return EndWithHandlerStyle(text, workflows);
    }

    private static string PlainId(HandlerDefinition handler) => "on_" + EnumText.Name(handler.When);

    private static void Handlers(StringBuilder text, WorkflowDefinition workflow, Func<HandlerDefinition, string> id, string indent)
    {
        foreach (var handler in workflow.Handlers)
            text.Append(indent).Append(id(handler)).Append("([\"").Append(handler.Name).Append("\"]):::handler\n");
    }

    private static string EndWithHandlerStyle(StringBuilder text, IReadOnlyList<WorkflowDefinition> workflows)
    {
        if (workflows.Any(w => w.Handlers.Count > 0))
            text.Append("    classDef handler stroke-dasharray: 5 5\n");
        return text.ToString();
    }

    private static void Body(StringBuilder text, WorkflowDefinition workflow, Dictionary<string, string> ids, bool labelAll, string indent)
    {
        if (labelAll)
            foreach (var job in workflow.Jobs)
                text.Append(indent).Append(ids[job.Name]).Append("[\"").Append(job.Name).Append("\"]\n");
        foreach (var (from, to) in WorkflowGraph.DistinctEdges(workflow))
            text.Append(indent).Append(Id(ids, from)).Append(" --> ").Append(Id(ids, to)).Append('\n');
        if (!labelAll)
            foreach (var name in WorkflowGraph.IsolatedJobs(workflow))
                text.Append(indent).Append(ids[name]).Append('\n');
    }

    private static string Id(Dictionary<string, string> ids, string name) => ids.TryGetValue(name, out var id) ? id : name;
}
