using Symbol.Orchestrator.Language.Editing;

namespace Symbol.Orchestrator.Language.Formatting;

/// <summary>Each line of the file as it will be written, and what the blank-line rules need to know of it.</summary>
internal sealed record FormattedLine(string Text, bool IsBlank, bool StartsWithClose, bool EndsWithOpen);

/// <summary>
/// The lines of a file as <see cref="FlowFormatter"/> writes them: each re-indented by the braces open before it (those of
/// blocks: a <c>params</c> object's, a string's or a comment's do not count), and the lines inside a multi-line script
/// block or <c>params</c> object moved with the line that opened it, or left as they were.
/// </summary>
internal static class FormattedLines
{
    /// <summary>One level of indentation: four spaces, as the docs' examples and the bundled workflows are written.</summary>
    private const string Indent = "    ";

    public static List<FormattedLine> Of(string source)
    {
        var tokens = FlowLexer.Tokenize(source);
        var starts = LineStarts(source);
        var result = new List<FormattedLine>(starts.Count);
        int depth = 0, t = 0;
        for (int line = 0; line < starts.Count; line++)
        {
            int start = starts[line];
            int end = line + 1 < starts.Count ? starts[line + 1] - 1 : source.Length;
            // A line that begins inside a multi-line token was written with the line that opened it.
            while (t < tokens.Count && tokens[t].End <= start)
                t++;
            if (t < tokens.Count && tokens[t].Start < start)
            {
                var spanning = tokens[t];
                int last = LineOf(starts, spanning.End - 1);
                // Opened on a line written already: keep the rest as they are, or move them with it.
                result.AddRange(Continuation(source, starts, line, last, tokens, ref t, ref depth, result));
                line = last;
                continue;
            }
            var own = new List<FlowToken>();
            for (int k = t; k < tokens.Count && tokens[k].Start < end; k++)
                own.Add(tokens[k]);
            var content = source[start..end].Trim(' ', '\t', '\r');
            if (content.Length == 0)
            {
                result.Add(new FormattedLine("", true, false, false));
                continue;
            }
            bool startsWithClose = own.Count > 0 && own[0].Kind == FlowTokenKind.CloseBrace;
            int lineDepth = Math.Max(0, startsWithClose ? depth - 1 : depth);
            depth = Math.Max(0, depth + Balance(own));
            // A token running on to the next lines (a script block, a params object) keeps its inside as written.
            bool spansOn = own.Count > 0 && own[^1].End > end;
            var text = spansOn ? Repeat(lineDepth) + source[start..end].TrimStart(' ', '\t') : Repeat(lineDepth) + content;
            var significant = own.Where(o => o.Kind != FlowTokenKind.Comment).ToList();
            bool endsWithOpen = significant.Count > 0 && significant[^1].Kind == FlowTokenKind.OpenBrace;
            result.Add(new FormattedLine(text, false, startsWithClose, endsWithOpen));
        }
        return result;
    }

    // The lines after the first of a script block or params object: shifted by what its first line moved, when
    // each starts with that line's old indentation (or is blank), else as they were.
    private static List<FormattedLine> Continuation(string source, List<int> starts, int first, int last, List<FlowToken> tokens, ref int t, ref int depth,
        List<FormattedLine> written)
    {
        int opener = first - 1;
        var oldIndent = Leading(source, starts[opener]);
        var newIndent = written.Count > 0 ? Leading(written[^1].Text, 0) : "";
        var lines = new List<string>();
        for (int line = first; line <= last; line++)
            lines.Add(source[starts[line]..(line + 1 < starts.Count ? starts[line + 1] - 1 : source.Length)]);
        bool movable = lines.All(l => l.StartsWith(oldIndent, StringComparison.Ordinal) || l.Trim(' ', '\t', '\r').Length == 0);
        var result = new List<FormattedLine>();
        for (int k = 0; k < lines.Count; k++)
        {
            var line = lines[k];
            var moved = movable && line.StartsWith(oldIndent, StringComparison.Ordinal) ? newIndent + line[oldIndent.Length..] : line;
            if (k == lines.Count - 1)
            {
                // The last line may go on after the token closes ("``` }"): that part counts braces and loses trailing blanks.
                int lineStart = starts[first + k];
                int lineEnd = lineStart + line.Length;
                var after = new List<FlowToken>();
                while (t < tokens.Count && tokens[t].Start < lineEnd)
                {
                    if (tokens[t].Start >= lineStart)
                        after.Add(tokens[t]);
                    t++;
                }
                depth = Math.Max(0, depth + Balance(after));
                bool endsInside = t > 0 && tokens[t - 1].End > lineEnd;
                if (!endsInside)
                    moved = moved.TrimEnd(' ', '\t', '\r');
                var significant = after.Where(o => o.Kind != FlowTokenKind.Comment).ToList();
                result.Add(new FormattedLine(moved, false, false, significant.Count > 0 && significant[^1].Kind == FlowTokenKind.OpenBrace));
            }
            else
                result.Add(new FormattedLine(moved, false, false, false));
        }
        return result;
    }

    private static int Balance(List<FlowToken> tokens) =>
        tokens.Count(o => o.Kind == FlowTokenKind.OpenBrace) - tokens.Count(o => o.Kind == FlowTokenKind.CloseBrace);

    private static string Leading(string text, int start)
    {
        int end = start;
        while (end < text.Length && text[end] is ' ' or '\t')
            end++;
        return text[start..end];
    }

    private static string Repeat(int depth) => depth == 0 ? "" : string.Concat(Enumerable.Repeat(Indent, depth));

    private static List<int> LineStarts(string source)
    {
        var starts = new List<int> { 0 };
        for (int i = source.IndexOf('\n'); i >= 0; i = source.IndexOf('\n', i + 1))
            starts.Add(i + 1);
        return starts;
    }

    private static int LineOf(List<int> starts, int offset)
    {
        int line = starts.BinarySearch(offset);
        return line < 0 ? ~line - 1 : line;
    }
}
