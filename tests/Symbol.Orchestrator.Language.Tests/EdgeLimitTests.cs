using System.Text;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// Lists on both sides of an arrow expand to every pair, so a few kilobytes can name millions of edges; a file may
/// name at most 100,000, and the statement that goes past is refused before it is expanded.
/// </summary>
public sealed class EdgeLimitTests
{
    [Fact]
    public void FourThousandByFourThousand_IsAnErrorAtTheStatement_WithoutExpandingIt()
    {
        var text = Workflow("w", ("a", 4000), ("b", 4000), out int edgeLine);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = Compile.Text(text);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal([$"{edgeLine}:1: this edge statement expands to 16,000,000 edges (every pair of its lists); a file may have at most 100,000 edges"],
            result.Diagnostics.Select(Compile.Format));
        Assert.Empty(result.Workflows);
        // Compiling the 8,000 jobs themselves takes tens of MB; the 16 M edges took 2.7 GB.
        Assert.True(allocated < 400_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void EdgesUpToTheLimit_Compile_WithEveryPairAsAnUpstream()
    {
        var w = Compile.Single(Workflow("w", ("a", 250), ("b", 400), out _));

        Assert.Equal(100_000, w.Edges.Count);
        Assert.Equal(250, w.FindJob("b399")!.Upstream.Count);
    }

    [Fact]
    public void TheLimitIsPerFile_SoTheWorkflowThatCrossesItIsTheOneInError()
    {
        var first = Workflow("first", ("a", 200), ("b", 300), out _);
        var second = Workflow("second", ("a", 200), ("b", 300), out int edgeLine);
        int firstLines = first.Count(c => c == '\n');

        var result = Compile.Text(first + second);

        Assert.Equal([$"{firstLines + edgeLine}:1: this edge statement brings the file to 120,000 edges (every pair of its lists); a file may have at most 100,000 edges"],
            result.Diagnostics.Select(Compile.Format));
    }

    /// <summary>A workflow with jobs named from each (prefix, count) and one statement joining the lists in order.</summary>
    private static string Workflow(string name, (string Prefix, int Count) from, (string Prefix, int Count) to, out int edgeLine)
    {
        var text = new StringBuilder($"workflow {name} {{\n");
        foreach (var (prefix, count) in new[] { from, to })
            for (int k = 0; k < count; k++)
                text.Append($"job {prefix}{k} {{ run ``` return {k}; ``` }}\n");
        edgeLine = from.Count + to.Count + 2;
        text.Append(Names(from)).Append(" -> ").Append(Names(to)).Append("\n}\n");
        return text.ToString();
    }

    private static string Names((string Prefix, int Count) list) =>
        string.Join(", ", Enumerable.Range(0, list.Count).Select(k => $"{list.Prefix}{k}"));
}
