using Symbol.Orchestrator.Language.Editing;

namespace Symbol.Orchestrator.Language.Tests.Editing;

/// <summary>Test text with the cursor written as <c>$$</c>: the text without it, and the cursor's 1-based position.</summary>
internal static class Cursor
{
    public const string Mark = "$$";

    public static (FlowOutline Outline, FlowPosition Position) In(string marked, string path = "test.flow")
    {
        int at = marked.IndexOf(Mark, StringComparison.Ordinal);
        Assert.True(at >= 0, "the text has no $$ cursor");
        var text = marked.Remove(at, Mark.Length);
        var before = text[..at];
        int line = before.Count(c => c == '\n') + 1;
        int column = at - (before.LastIndexOf('\n') + 1) + 1;
        return (FlowOutline.Parse(path, text), new FlowPosition(line, column));
    }

    /// <summary>The text a range covers.</summary>
    public static string Slice(FlowOutline outline, FlowRange range)
    {
        var lines = outline.Text.Split('\n');
        int Offset(FlowPosition p) => lines.Take(p.Line - 1).Sum(l => l.Length + 1) + p.Column - 1;
        return outline.Text[Offset(range.Start)..Offset(range.End)];
    }
}
