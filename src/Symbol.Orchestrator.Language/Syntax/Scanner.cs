namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// Character-level scanning on the raw source, shared by the token parsers and by error recovery.
/// Every method runs in time linear in what it skips and never recurses, so no input can make it hang.
/// </summary>
internal static class Scanner
{
    public const string ScriptFence = "```";

    public static bool IsNameStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    public static bool IsNamePart(char c) => IsNameStart(c) || c is >= '0' and <= '9';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>White space between tokens: ASCII space, tab and line breaks, a byte order mark, and Unicode spaces.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\uFEFF' || (c > '\x7f' && char.IsWhiteSpace(c));

    /// <summary>Skips white space, <c>#</c> and <c>//</c> comments.</summary>
    public static int SkipTrivia(string s, int pos)
    {
        while (pos < s.Length)
        {
            char c = s[pos];
            if (IsSpace(c))
                pos++;
            else if (c == '#' || (c == '/' && pos + 1 < s.Length && s[pos + 1] == '/'))
            {
                int newline = s.IndexOf('\n', pos);
                pos = newline < 0 ? s.Length : newline + 1;
            }
            else
                break;
        }
        return pos;
    }

    /// <summary>The end of the name starting at <paramref name="pos"/>, or <paramref name="pos"/> when none starts there.</summary>
    public static int NameEnd(string s, int pos)
    {
        if (pos >= s.Length || !IsNameStart(s[pos]))
            return pos;
        int end = pos + 1;
        while (end < s.Length && IsNamePart(s[end]))
            end++;
        return end;
    }

    /// <summary>The name at <paramref name="pos"/>, or "" when none starts there.</summary>
    public static string WordAt(string s, int pos) => s[pos..NameEnd(s, pos)];

    public static bool IsArrowAt(string s, int pos) =>
        pos < s.Length && (s[pos] == '→' || (s[pos] == '-' && pos + 1 < s.Length && s[pos + 1] == '>'));

    /// <summary>True when a name at <paramref name="pos"/> is followed by <c>-></c>, <c>→</c> or <c>,</c>: the start of edges.</summary>
    public static bool StartsEdges(string s, int pos)
    {
        int end = NameEnd(s, pos);
        if (end == pos)
            return false;
        int next = SkipTrivia(s, end);
        return next < s.Length && (s[next] == ',' || IsArrowAt(s, next));
    }

    public static bool IsNameAt(string s, int pos, string word)
    {
        int end = NameEnd(s, pos);
        return end - pos == word.Length && string.CompareOrdinal(s, pos, word, 0, word.Length) == 0;
    }

    /// <summary>True when only spaces and tabs stand between the previous newline and <paramref name="pos"/>.</summary>
    public static bool IsFirstOnLine(string s, int pos)
    {
        for (int p = pos - 1; p >= 0; p--)
        {
            if (s[p] == '\n')
                return true;
            if (s[p] is not (' ' or '\t' or '\r' or '\uFEFF'))
                return false;
        }
        return true;
    }

    /// <summary>The end of the (possibly malformed) token at <paramref name="pos"/>; strings, script blocks and words count as one.</summary>
    public static int TokenEnd(string s, int pos)
    {
        if (pos >= s.Length)
            return pos;
        char c = s[pos];
        if (string.CompareOrdinal(s, pos, ScriptFence, 0, 3) == 0)
        {
            int close = s.IndexOf(ScriptFence, pos + 3, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + 3;
        }
        if (c == '"')
        {
            // An unterminated string ends at its line; recovery then moves word by word and still finds a '}' on that line.
            int end = StringEnd(s, pos);
            return end > pos + 1 && s[end - 1] == '"' ? end : pos + 1;
        }
        if (IsNamePart(c))
        {
            int end = pos + 1;
            while (end < s.Length && IsNamePart(s[end]))
                end++;
            return end;
        }
        if (c == '-' && pos + 1 < s.Length && s[pos + 1] == '>')
            return pos + 2;
        return char.IsHighSurrogate(c) && pos + 1 < s.Length && char.IsLowSurrogate(s[pos + 1]) ? pos + 2 : pos + 1;
    }

    /// <summary>The position after the closing quote of the string at <paramref name="pos"/>, or the end of its line if it has none.</summary>
    public static int StringEnd(string s, int pos)
    {
        for (int p = pos + 1; p < s.Length; p++)
        {
            char c = s[p];
            if (c == '"')
                return p + 1;
            if (c == '\n')
                return p;
            if (c == '\\')
                p++;
        }
        return s.Length;
    }

    /// <summary>What the user wrote at <paramref name="pos"/>, for "found …" in messages.</summary>
    public static string Describe(string s, int pos)
    {
        if (pos >= s.Length)
            return "end of file";
        char c = s[pos];
        if (string.CompareOrdinal(s, pos, ScriptFence, 0, 3) == 0)
            return "a script block";
        if (c == '"')
            return "string " + Shorten(s, pos, StringEnd(s, pos));
        if (IsNamePart(c) || (c == '-' && pos + 1 < s.Length && s[pos + 1] == '>'))
            return "'" + Shorten(s, pos, TokenEnd(s, pos)) + "'";
        if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD')
            return $"character U+{(int)c:X4}";
        return "'" + c + "'";
    }

    // Copies at most 32 characters, so describing a token on a 10 MB line costs nothing.
    private static string Shorten(string s, int start, int end) =>
        end - start <= 32 ? s[start..end] : string.Concat(s.AsSpan(start, 29), "...");
}
