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

    /// <summary>The end of the token starting at <paramref name="from"/>, never past <paramref name="lineEnd"/>.</summary>
    public static int TokenEnd(string text, int from, int lineEnd)
    {
        char c = text[from];
        if (Scanner.IsNamePart(c))
        {
            int end = from + 1;
            while (end < lineEnd && Scanner.IsNamePart(text[end]))
                end++;
            return end;
        }
        if (c == '"')
        {
            for (int k = from + 1; k < lineEnd; k++)
            {
                if (text[k] == '\\')
                    k++;
                else if (text[k] == '"')
                    return k + 1;
            }
            return lineEnd;
        }
        if (text.AsSpan(from, lineEnd - from).StartsWith(Scanner.ScriptFence, StringComparison.Ordinal))
            return from + Scanner.ScriptFence.Length;
        if (c == '-' && from + 1 < lineEnd && text[from + 1] == '>')
            return from + 2;
        return char.IsHighSurrogate(c) && from + 1 < lineEnd ? from + 2 : from + 1;
    }
}
