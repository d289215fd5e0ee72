using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Editing;

internal enum FlowTokenKind { Word, Number, String, Script, Json, Comment, Arrow, OpenBrace, CloseBrace, Comma, Semicolon, Other }

/// <summary>One token of a .flow file, by offsets; a string, a script block and a <c>params</c> JSON object are one token each.</summary>
internal readonly record struct FlowToken(FlowTokenKind Kind, int Start, int End)
{
    public string TextIn(string source) => source[Start..End];
}

/// <summary>
/// The tokens of a .flow file, comments included, for the editor features and the formatter, which need to
/// know where the cursor stands (in a string? a script?) even in a file the grammar rejects. It uses the
/// grammar's own <see cref="Scanner"/>, so a token here ends where the parser's does; it never fails.
/// </summary>
internal static class FlowLexer
{
    public static List<FlowToken> Tokenize(string s)
    {
        var tokens = new List<FlowToken>();
        int pos = 0;
        while (pos < s.Length)
        {
            char c = s[pos];
            if (Scanner.IsSpace(c))
            {
                pos++;
                continue;
            }
            var kind = FlowTokenKind.Other;
            int end;
            if (c == '#' || (c == '/' && pos + 1 < s.Length && s[pos + 1] == '/'))
            {
                kind = FlowTokenKind.Comment;
                end = s.IndexOf('\n', pos) is var newline and >= 0 ? newline : s.Length;
                if (end > pos && s[end - 1] == '\r')
                    end--;
            }
            else if (string.CompareOrdinal(s, pos, Scanner.ScriptFence, 0, 3) == 0)
                (kind, end) = (FlowTokenKind.Script, Scanner.TokenEnd(s, pos));
            else if (c == '"')
                (kind, end) = (FlowTokenKind.String, Scanner.StringEnd(s, pos));
            else if (Scanner.IsNameStart(c))
                (kind, end) = (FlowTokenKind.Word, Scanner.NameEnd(s, pos));
            else if (Scanner.IsDigit(c))
                (kind, end) = (FlowTokenKind.Number, Scanner.TokenEnd(s, pos));
            else if (Scanner.IsArrowAt(s, pos))
                (kind, end) = (FlowTokenKind.Arrow, pos + (c == '→' ? 1 : 2));
            else if (c == '{' && FollowsParams(tokens, s) && RawText.JsonObjectEnd(s, pos) is var jsonEnd && jsonEnd > pos)
                (kind, end) = (FlowTokenKind.Json, jsonEnd);
            else
            {
                kind = c switch
                {
                    '{' => FlowTokenKind.OpenBrace,
                    '}' => FlowTokenKind.CloseBrace,
                    ',' => FlowTokenKind.Comma,
                    ';' => FlowTokenKind.Semicolon,
                    _ => FlowTokenKind.Other,
                };
                end = Scanner.TokenEnd(s, pos);
            }
            end = Math.Max(end, pos + 1);
            tokens.Add(new FlowToken(kind, pos, end));
            pos = end;
        }
        return tokens;
    }

    private static bool FollowsParams(List<FlowToken> tokens, string s)
    {
        for (int k = tokens.Count - 1; k >= 0; k--)
        {
            if (tokens[k].Kind == FlowTokenKind.Comment)
                continue;
            return tokens[k].Kind == FlowTokenKind.Word && Scanner.IsNameAt(s, tokens[k].Start, "params");
        }
        return false;
    }

    /// <summary>The index of the last token that starts before <paramref name="offset"/>, or -1.</summary>
    public static int LastBefore(List<FlowToken> tokens, int offset)
    {
        int lo = 0, hi = tokens.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (tokens[mid].Start < offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
                hi = mid - 1;
        }
        return found;
    }
}
