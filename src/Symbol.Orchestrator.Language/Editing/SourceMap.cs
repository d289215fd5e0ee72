using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>
/// Offsets in a text to and from 1-based lines and columns. Columns count UTF-16 code units from the last
/// <c>\n</c>, as the parser's input does, so a <c>\r</c> before it is the line's last column.
/// </summary>
internal sealed class SourceMap
{
    private readonly List<int> _lineStarts = [0];

    public SourceMap(string text)
    {
        Text = text;
        for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
            _lineStarts.Add(i + 1);
    }

    public string Text { get; }

    public int LineCount => _lineStarts.Count;

    /// <summary>The offset of a position, clamped into the text: a line past the end is the end, a column past its line is the line's end.</summary>
    public int OffsetOf(int line, int column)
    {
        if (line < 1)
            return 0;
        if (line > _lineStarts.Count)
            return Text.Length;
        int start = _lineStarts[line - 1];
        int end = line < _lineStarts.Count ? _lineStarts[line] - 1 : Text.Length;
        return Math.Clamp(start + column - 1, start, end);
    }

    public int OffsetOf(TextPos pos) => OffsetOf(pos.Line, pos.Column);

    public int OffsetOf(FlowPosition pos) => OffsetOf(pos.Line, pos.Column);

    public FlowPosition PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int line = _lineStarts.BinarySearch(offset);
        if (line < 0)
            line = ~line - 1;
        return new FlowPosition(line + 1, offset - _lineStarts[line] + 1);
    }

    public FlowRange RangeOf(int start, int end) => new(PositionOf(start), PositionOf(Math.Max(start, end)));

    /// <summary>The range of <paramref name="length"/> characters from a parser position.</summary>
    public FlowRange RangeOf(TextPos pos, int length)
    {
        int start = OffsetOf(pos);
        return RangeOf(start, start + length);
    }

    /// <summary>Whether the position is a real place in the text (a request past the end is answered with nothing).</summary>
    public bool IsInside(FlowPosition pos) =>
        pos.Line >= 1 && pos.Line <= _lineStarts.Count && pos.Column >= 1 && _lineStarts[pos.Line - 1] + pos.Column - 1 <= LineEnd(pos.Line);

    private int LineEnd(int line) => line < _lineStarts.Count ? _lineStarts[line] - 1 : Text.Length;
}
