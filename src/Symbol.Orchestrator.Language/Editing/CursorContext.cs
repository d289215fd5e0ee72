using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Editing;

internal enum BlockKind { TopLevel, Workflow, Job, Handler, Other }

/// <summary>
/// Where a cursor stands, read from the tokens before it (so a half-typed file works): in which block, after
/// which words, and whether inside a string, a comment or a script. What completion decides from.
/// </summary>
internal sealed class CursorContext
{
    private readonly string _text;
    private readonly List<FlowToken> _before;

    private CursorContext(string text, List<FlowToken> before, BlockKind block, FlowToken? word, FlowToken? inString, bool inOpaque, int offset)
    {
        _text = text;
        _before = before;
        Block = block;
        Word = word;
        InString = inString;
        InOpaque = inOpaque;
        Offset = offset;
    }

    public BlockKind Block { get; }

    /// <summary>The word the cursor is in or just after, being typed; null after a space.</summary>
    public FlowToken? Word { get; }

    /// <summary>The string the cursor is inside, if any.</summary>
    public FlowToken? InString { get; }

    /// <summary>Inside a comment, a script block, a JSON object or a number: nothing to complete.</summary>
    public bool InOpaque { get; }

    public int Offset { get; }

    public static CursorContext At(FlowOutline outline, int offset)
    {
        var text = outline.Text;
        var tokens = outline.Tokens;
        int k = FlowLexer.LastBefore(tokens, offset);
        FlowToken? word = null, inString = null;
        bool opaque = false;
        int lastBefore = k;
        if (k >= 0)
        {
            var t = tokens[k];
            switch (t.Kind)
            {
                case FlowTokenKind.Word when offset <= t.End:
                    word = t;
                    lastBefore = k - 1;
                    break;
                case FlowTokenKind.String when offset < t.End || (offset == t.End && !IsClosed(text, t)):
                    inString = t;
                    lastBefore = k - 1;
                    break;
                case FlowTokenKind.Comment when offset <= t.End:
                case FlowTokenKind.Number when offset <= t.End:
                case FlowTokenKind.Script or FlowTokenKind.Json when offset < t.End || (offset == t.End && t.End == text.Length):
                    opaque = true;
                    break;
            }
        }
        var before = new List<FlowToken>();
        for (int i = 0; i <= lastBefore; i++)
            if (tokens[i].Kind != FlowTokenKind.Comment)
                before.Add(tokens[i]);
        return new CursorContext(text, before, BlockOf(text, before), word, inString, opaque, offset);
    }

    /// <summary>The <paramref name="back"/>-th significant token before the cursor's word (1 is the nearest), or null.</summary>
    public FlowToken? Previous(int back = 1) => _before.Count >= back ? _before[^back] : null;

    /// <summary>Whether that token is the word <paramref name="word"/>.</summary>
    public bool PreviousIs(string word, int back = 1) =>
        Previous(back) is { Kind: FlowTokenKind.Word } t && Scanner.IsNameAt(_text, t.Start, word) && t.End - t.Start == word.Length;

    /// <summary>Whether the previous word is a keyword in statement position, not a job name in edges (<c>a -> run</c>).</summary>
    public bool PreviousIsKeyword(string word) =>
        PreviousIs(word) && Previous(2) is not { Kind: FlowTokenKind.Arrow or FlowTokenKind.Comma };

    /// <summary>
    /// The job names no next name in an edge may be, after <c>-></c> or <c>,</c>: the group being continued and the one
    /// before its arrow. After <c>x, a -></c> they are a and x (an edge to itself is refused); after <c>a -> b,</c> they
    /// are b (already there) and a (a → a).
    /// </summary>
    public IReadOnlySet<string> EdgeNamesBefore()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool crossedArrow = Previous() is { Kind: FlowTokenKind.Arrow };
        // Names alternate with commas and at most one more arrow; "b" on the line above "c ->" ends another statement.
        for (int back = 2; Previous(back) is { Kind: FlowTokenKind.Word } name; back += 2)
        {
            names.Add(name.TextIn(_text));
            if (Previous(back + 1) is { Kind: FlowTokenKind.Comma })
                continue;
            if (Previous(back + 1) is not { Kind: FlowTokenKind.Arrow } || crossedArrow)
                break;
            crossedArrow = true;
        }
        return names;
    }

    /// <summary>Whether only white space stands before the cursor's word on its line.</summary>
    public bool AtLineStart() => Scanner.IsFirstOnLine(_text, Word?.Start ?? Offset);

    /// <summary>Whether a string token ends with its closing quote (one left open ends at its line's end).</summary>
    public static bool IsClosed(string text, FlowToken token) =>
        token.End - token.Start >= 2 && text[token.End - 1] == '"' && (token.End - token.Start == 2 || text[token.End - 2] != '\\');

    // The blocks open at the cursor: each '{' is a workflow's, a job's or a handler's by the two words before it.
    private static BlockKind BlockOf(string text, List<FlowToken> before)
    {
        var stack = new Stack<BlockKind>();
        for (int i = 0; i < before.Count; i++)
        {
            if (before[i].Kind == FlowTokenKind.CloseBrace && stack.Count > 0)
                stack.Pop();
            else if (before[i].Kind == FlowTokenKind.OpenBrace)
            {
                var keyword = i >= 2 && before[i - 1].Kind == FlowTokenKind.Word && before[i - 2].Kind == FlowTokenKind.Word
                    ? text[before[i - 2].Start..before[i - 2].End]
                    : "";
                stack.Push(keyword switch
                {
                    "workflow" when stack.Count == 0 => BlockKind.Workflow,
                    "job" when stack.Count == 1 => BlockKind.Job,
                    "on" when stack.Count == 1 => BlockKind.Handler,
                    _ => BlockKind.Other,
                });
            }
        }
        return stack.Count == 0 ? BlockKind.TopLevel : stack.Peek();
    }
}
