using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Expands edge statements (<c>a -> b, c -> d</c> is a→b, a→c, b→d, c→d) and checks every name they use.</summary>
internal static class EdgeBinder
{
    /// <summary>The distinct edges between declared jobs, in source order; unknown names and self-edges are reported and left out.</summary>
    public static List<Edge> Bind(List<EdgesSyntax> statements, JobNames jobs, string workflow, FileContext context)
    {
        var edges = new List<Edge>();
        HashSet<(string, string)>? distinct = null;
        foreach (var statement in statements)
        {
            foreach (var group in statement.Groups)
                foreach (var name in group)
                    if (jobs.IndexOf(name.Text) < 0)
                        context.Diagnostics.Error(name.Pos, $"edge names unknown job '{name.Text}' in workflow '{workflow}'{DidYouMean.Suffix(name.Text, jobs.Names)}");
            for (int k = 0; k + 1 < statement.Groups.Count; k++)
            {
                foreach (var fromName in statement.Groups[k])
                    foreach (var toName in statement.Groups[k + 1])
                    {
                        // The jobs' own name strings, so that the names read in edges do not outlive the parse.
                        if (jobs.Find(fromName.Text) is not { } from || jobs.Find(toName.Text) is not { } to)
                            continue;
                        if (ReferenceEquals(from, to))
                            context.Diagnostics.Error(toName.Pos, $"self-edge: job '{to}' cannot depend on itself ({from} -> {to})");
                        else if (IsNew(edges, ref distinct, from, to))
                            edges.Add(new Edge(from, to, statement.Arrows[k].In(context.Path)));
                    }
            }
        }
        return edges;
    }

    // A workflow has a few edges: scanning them beats a hash set until there are many.
    private static bool IsNew(List<Edge> edges, ref HashSet<(string, string)>? distinct, string from, string to)
    {
        if (distinct is null && edges.Count < 32)
        {
            foreach (var edge in edges)
                if (ReferenceEquals(edge.From, from) && ReferenceEquals(edge.To, to))
                    return false;
            return true;
        }
        distinct ??= edges.Select(e => (e.From, e.To)).ToHashSet();
        return distinct.Add((from, to));
    }
}
