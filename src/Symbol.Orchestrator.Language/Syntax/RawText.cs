using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// Tokens whose end a scanner finds (a word, white space and comments, a script block's JavaScript up to
/// its closing fence, a JSON object up to its matching brace), each read in one step rather than with a
/// parser per character: most of a .flow file is such text, and a rule per character would allocate a
/// result and an input for each. JSON is left to System.Text.Json, where a grammar would recurse and
/// <c>{{{{…</c> would overflow the stack.
/// </summary>
internal static class RawText
{
    /// <summary>
    /// The text from here to where <paramref name="scan"/> (the source and a position, to the end of what it
    /// reads there) says it ends; fails, consuming nothing, where that is here.
    /// </summary>
    public static Parser<TextRange> Scan(Func<string, int, int> scan) => input =>
    {
        int end = scan(input.Source, input.Position);
        return end > input.Position
            ? Result.Success(new TextRange(input, end), AdvanceTo(input, end))
            : Result.Failure<TextRange>(input, "", []);
    };

    /// <summary>The position of the next <paramref name="end"/> from the given position, or that position when there is none.</summary>
    public static Func<string, int, int> UpTo(string end) => (s, pos) =>
    {
        int found = s.IndexOf(end, pos, StringComparison.Ordinal);
        return found < 0 ? pos : found;
    };

    /// <summary>
    /// The end of a JSON object whose <c>{</c> is at <paramref name="pos"/>: after the matching <c>}</c>, braces
    /// inside strings aside; <paramref name="pos"/> when there is no <c>{</c> or nothing closes it.
    /// </summary>
    public static int JsonObjectEnd(string s, int pos)
    {
        if (pos >= s.Length || s[pos] != '{')
            return pos;
        int depth = 0;
        for (int p = pos; p < s.Length; p++)
        {
            char c = s[p];
            if (c == '"')
            {
                while (++p < s.Length && s[p] != '"')
                    if (s[p] == '\\')
                        p++;
            }
            else if (c == '{')
                depth++;
            else if (c == '}' && --depth == 0)
                return p + 1;
        }
        return pos;
    }

    /// <summary>The input at <paramref name="position"/>, ahead of <paramref name="input"/>.</summary>
    public static IInput AdvanceTo(IInput input, int position)
    {
        if (input is FlowInput flow)
            return flow.MoveTo(position);
        while (input.Position < position)
            input = input.Advance();
        return input;
    }
}

/// <summary>A stretch of the source, from <see cref="Start"/> to <see cref="End"/>.</summary>
internal readonly record struct TextRange(IInput Start, int End)
{
    public int Length => End - Start.Position;

    public string Text => Start.Source.Substring(Start.Position, Length);

    public TextPos Pos => TextPos.Of(Start);
}
