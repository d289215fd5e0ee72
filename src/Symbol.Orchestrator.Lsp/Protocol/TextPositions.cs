namespace Symbol.Orchestrator.Lsp.Protocol;

/// <summary>
/// Between LSP positions (0-based, UTF-16), the Language project's (1-based line and column, UTF-16, as
/// <see cref="Language.SourcePosition"/>) and offsets in a document's text. Lines end at <c>\n</c>, <c>\r\n</c> or a lone
/// <c>\r</c>, as LSP counts them. A position past the end of its line, or a line past the end of the text, is clamped
/// rather than refused: clients send them after an edit races a request.
/// </summary>
internal static class TextPositions
{
    /// <summary>The Language project's place (line and column from 1) as an LSP position.</summary>
    public static Position FromSource(int line, int column) => new(Math.Max(0, line - 1), Math.Max(0, column - 1));

    /// <summary>An LSP position as the Language project's 1-based line and column.</summary>
    public static (int Line, int Column) ToSource(Position position) => (Math.Max(0, position.Line) + 1, Math.Max(0, position.Character) + 1);

    /// <summary>The offset in <paramref name="text"/> of <paramref name="position"/>, clamped to its line and to the text.</summary>
    public static int OffsetOf(string text, Position position)
    {
        int start = LineStart(text, position.Line);
        if (start < 0)
            return text.Length;
        int end = LineContentEnd(text, start);
        return start + Math.Clamp(position.Character, 0, end - start);
    }

    /// <summary>The position of <paramref name="offset"/> in <paramref name="text"/> (clamped to the text).</summary>
    public static Position PositionOf(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 0, lineStart = 0;
        for (int k = 0; k < offset; k++)
        {
            if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= text.Length || text[k + 1] != '\n')))
            {
                line++;
                lineStart = k + 1;
            }
        }
        // An offset between \r and \n is still on the line the pair ends.
        return new Position(line, Math.Max(0, Math.Min(offset, LineContentEnd(text, lineStart)) - lineStart));
    }

    /// <summary>The offset where line <paramref name="line"/> (0-based) starts, or -1 when the text has fewer lines.</summary>
    public static int LineStart(string text, int line)
    {
        if (line < 0)
            return 0;
        int offset = 0;
        for (int k = 0; k < line; k++)
        {
            int end = LineContentEnd(text, offset);
            if (end >= text.Length)
                return -1;
            offset = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }
        return offset;
    }

    /// <summary>The offset of the line break ending the line that starts at <paramref name="lineStart"/>, or the text's length.</summary>
    public static int LineContentEnd(string text, int lineStart)
    {
        int end = text.AsSpan(lineStart).IndexOfAny('\n', '\r');
        return end < 0 ? text.Length : lineStart + end;
    }
}
