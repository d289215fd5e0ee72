using System.Globalization;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Expands edge statements (<c>a -> b, c -> d</c> is a→b, a→c, b→d, c→d) and checks every name they use.</summary>
internal static class EdgeBinder
{
    /// <summary>
    /// The most edges one file may name, its workflows together, counted as the statements expand: lists on both
    /// sides multiply (<c>a0, …, a3999 -> b0, …, b3999</c> is 16,000,000 edges from 80 KB of text, which took
    /// 30 s and 2.7 GB to compile). A file is bounded in size, so this bounds what compiling any folder costs,
    /// while a hand-written workflow stays far below it (the benchmark's 4 MiB of workflows has about 13,000).
    /// </summary>
    public const int MaxEdgesPerFile = 100_000;

    /// <summary>How many edges a statement expands to, as written (repeated and unknown names included).</summary>
    public static long Pairs(EdgesSyntax statement)
    {
        long pairs = 0;
        for (int k = 0; k + 1 < statement.Groups.Count; k++)
            pairs += (long)statement.Groups[k].Count * statement.Groups[k + 1].Count;
        return pairs;
    }

    /// <summary>
    /// The distinct edges between declared jobs, in source order; unknown names and self-edges are reported and left out.
    /// A statement that takes the file past <see cref="MaxEdgesPerFile"/> (counting from
    /// <see cref="FileContext.EdgesBefore"/>, the edges of the workflows above this one) is an error, and is not expanded.
    /// </summary>
    public static List<Edge> Bind(List<EdgesSyntax> statements, JobNames jobs, string workflow, FileContext context)
    {
        // Sized for every pair the statements name, which is exact unless some repeat or are unknown.
        long pairs = 0;
        foreach (var statement in statements)
            pairs += Pairs(statement);
        var edges = new List<Edge>((int)Math.Min(pairs, 1024));
        long named = context.EdgesBefore;
        HashSet<(string, string)>? distinct = null;
        foreach (var statement in statements)
        {
            long expands = Pairs(statement);
            named += expands;
            if (named > MaxEdgesPerFile)
            {
                context.Diagnostics.Error(statement.Pos, TooManyEdges(expands, named));
                // Everything below is past the limit too: one error says it, and nothing more is expanded.
                return edges;
            }
            // Index loops: a foreach over an IReadOnlyList boxes its enumerator, once per name list of every workflow.
            var groups = statement.Groups;
            for (int g = 0; g < groups.Count; g++)
                for (int n = 0; n < groups[g].Count; n++)
                {
                    var name = groups[g][n];
                    if (jobs.IndexOf(name.Text) < 0)
                        context.Diagnostics.Error(name.Pos, $"edge names unknown job '{name.Text}' in workflow '{workflow}'{DidYouMean.Suffix(name.Text, jobs.Names)}");
                }
            for (int k = 0; k + 1 < groups.Count; k++)
            {
                for (int a = 0; a < groups[k].Count; a++)
                    for (int b = 0; b < groups[k + 1].Count; b++)
                    {
                        var (fromName, toName) = (groups[k][a], groups[k + 1][b]);
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

    private static string TooManyEdges(long pairs, long named)
    {
        var what = pairs > MaxEdgesPerFile ? $"expands to {Count(pairs)} edges" : $"brings the file to {Count(named)} edges";
        return $"this edge statement {what} (every pair of its lists); a file may have at most {Count(MaxEdgesPerFile)} edges";
    }

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

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
