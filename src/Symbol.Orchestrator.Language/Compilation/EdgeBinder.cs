using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Expands edge statements (<c>a -> b, c -> d</c> is a→b, a→c, b→d, c→d) and checks every name they use.</summary>
internal static class EdgeBinder
{
    /// <summary>The distinct edges between declared jobs, in source order; unknown names and self-edges are reported and left out.</summary>
    public static List<Edge> Bind(IEnumerable<EdgesSyntax> statements, IReadOnlyList<string> jobs, string workflow, FileContext context)
    {
        var known = new HashSet<string>(jobs, StringComparer.Ordinal);
        var edges = new List<Edge>();
        var distinct = new HashSet<(string, string)>();
        foreach (var statement in statements)
        {
            foreach (var name in statement.Groups.SelectMany(g => g))
                if (!known.Contains(name.Text))
                    context.Diagnostics.Error(name.Pos, $"edge names unknown job '{name.Text}' in workflow '{workflow}'{DidYouMean.Suffix(name.Text, jobs)}");
            for (int k = 0; k + 1 < statement.Groups.Count; k++)
            {
                foreach (var from in statement.Groups[k])
                    foreach (var to in statement.Groups[k + 1])
                    {
                        if (!known.Contains(from.Text) || !known.Contains(to.Text))
                            continue;
                        if (from.Text == to.Text)
                            context.Diagnostics.Error(to.Pos, $"self-edge: job '{to.Text}' cannot depend on itself ({from.Text} -> {to.Text})");
                        else if (distinct.Add((from.Text, to.Text)))
                        {
                            // The job's own name string, so that the names the parser read here do not outlive the parse.
                            known.TryGetValue(from.Text, out var fromJob);
                            known.TryGetValue(to.Text, out var toJob);
                            edges.Add(new Edge(fromJob!, toJob!, statement.Arrows[k].In(context.Path)));
                        }
                    }
            }
        }
        return edges;
    }
}
