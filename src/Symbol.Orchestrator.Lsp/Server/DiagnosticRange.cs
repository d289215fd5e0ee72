using Symbol.Orchestrator.Language.Syntax;
using Symbol.Orchestrator.Lsp.Protocol;
using Range = Symbol.Orchestrator.Lsp.Protocol.Range;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// Where the editor underlines a diagnostic: from its position to the end of the token there (a name, a duration such
/// as <c>5m</c>, a quoted string, an arrow, a script fence), at least one character. A position at the end of a line
/// underlines the line break; at the end of the text, the last character.
/// </summary>
internal static class DiagnosticRange
{
    public static Range Of(string? text, int line, int column)
    {
        var start = TextPositions.FromSource(line, column);
        if (text is null)
            return new Range(start, start with { Character = start.Character + 1 });
        int lineStart = TextPositions.LineStart(text, start.Line);
        if (lineStart < 0)
            return AtEnd(text);
        int lineEnd = TextPositions.LineContentEnd(text, lineStart);
        int from = lineStart + Math.Min(start.Character, lineEnd - lineStart);
        if (from < lineEnd)
            return new Range(new Position(start.Line, from - lineStart), new Position(start.Line, TokenEnd(text, from, lineEnd) - lineStart));
        if (lineEnd < text.Length)
            return new Range(new Position(start.Line, from - lineStart), new Position(start.Line + 1, 0));
        return AtEnd(text);
    }

    private static Range AtEnd(string text)
    {
        var end = TextPositions.PositionOf(text, text.Length);
        return end.Character > 0 ? new Range(end with { Character = end.Character - 1 }, end) : new Range(end, end);
    }

    /// <summary>
    /// The end of the token starting at <paramref name="from"/>, never past <paramref name="lineEnd"/>: the parser's own
    /// token end (<see cref="Scanner.TokenEnd"/>), but for a script block only its fence, and for a string without its
    /// closing quote the rest of the line.
    /// </summary>
    private static int TokenEnd(string text, int from, int lineEnd)
    {
        if (string.CompareOrdinal(text, from, Scanner.ScriptFence, 0, Scanner.ScriptFence.Length) == 0)
            return from + Scanner.ScriptFence.Length;
        int end = text[from] == '"' ? Scanner.StringEnd(text, from) : Scanner.TokenEnd(text, from);
        return Math.Min(end, lineEnd);
    }
}
