namespace Symbol.Orchestrator.Language.Editing;

/// <summary>A 1-based line and column in a .flow file, the column counting UTF-16 code units (as <see cref="Diagnostic"/> does).</summary>
public readonly record struct FlowPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A stretch of a .flow file from <see cref="Start"/> up to, not including, <see cref="End"/>.</summary>
public readonly record struct FlowRange(FlowPosition Start, FlowPosition End)
{
    public bool Contains(FlowPosition position) =>
        Compare(Start, position) <= 0 && Compare(position, End) <= 0;

    public override string ToString() => $"{Start}-{End}";

    private static int Compare(FlowPosition a, FlowPosition b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
}
