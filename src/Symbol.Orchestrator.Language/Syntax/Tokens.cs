using System.Globalization;
using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// The lexical rules (docs/language.md) as Sprache parsers: strings, escapes and symbols character by character,
/// and the long runs of text (words, numbers, white space and comments, script bodies, JSON) scanned in one
/// step by <see cref="RawText.Scan"/>. Every token skips the trivia after it (<see cref="Lexeme"/>),
/// so a failure stands at the next token and never after white space it consumed. A token that does not
/// start here fails without consuming input, named for what was expected; one that starts but is wrong
/// fails as <see cref="Malformed"/>, with a message that says what is wrong.
/// </summary>
internal static class Tokens
{
    /// <summary>The input where a rule stands, for positions and for slices of the source as written.</summary>
    public static readonly Parser<IInput> Here = input => Result.Success(input, input);

    /// <summary>White space and comments (<c>#</c> or <c>//</c> to the end of the line).</summary>
    public static readonly Parser<IOption<TextRange>> Trivia = RawText.Scan(Scanner.SkipTrivia).Optional();

    /// <summary><paramref name="token"/> and the trivia after it (what Sprache's <c>Token()</c> does for white space alone).</summary>
    public static Parser<T> Lexeme<T>(this Parser<T> token) => input =>
    {
        var result = token(input);
        return result.WasSuccessful
            ? Result.Success(result.Value, RawText.AdvanceTo(result.Remainder, Scanner.SkipTrivia(result.Remainder.Source, result.Remainder.Position)))
            : result;
    };

    /// <summary><c>[A-Za-z_][A-Za-z0-9_]*</c></summary>
    public static readonly Parser<string> Word = RawText.Scan(Scanner.NameEnd).Select(word => word.Text);

    /// <summary>
    /// True where a name followed by <c>,</c> or an arrow starts edges, whatever the name; a look ahead
    /// that consumes nothing, taken by the scanner that recovery uses too.
    /// </summary>
    public static readonly Parser<bool> StartsEdges = Here.Select(at => Scanner.StartsEdges(at.Source, at.Position));

    /// <summary>The word that starts here, consuming nothing; empty when none does.</summary>
    public static readonly Parser<string> NextWord = Here.Select(at => Scanner.WordAt(at.Source, at.Position));

    public static Parser<NameToken> Name(string what) =>
        RawText.Scan(Scanner.NameEnd).Select(name => new NameToken(NamePool.Get(name.Text), name.Pos)).Named(what).Lexeme();

    /// <summary>
    /// A keyword. Keywords are not reserved: one followed by <c>-></c> or <c>,</c> is a job name in edges
    /// (<c>load -> report</c> works for a job called <c>report</c> as for one called <c>timeout</c>).
    /// </summary>
    public static Parser<TextPos> Keyword(string word) =>
        RawText.Scan((s, pos) => Scanner.IsNameAt(s, pos, word) && !Scanner.StartsEdges(s, pos) ? pos + word.Length : pos)
        .Select(keyword => keyword.Pos).Named($"'{word}'").Lexeme();

    public static Parser<TextPos> Symbol(char symbol) =>
        (from at in Here
         from text in Parse.Char(symbol)
         select TextPos.Of(at)).Named($"'{symbol}'").Lexeme();

    /// <summary><c>-></c> or <c>→</c>.</summary>
    public static readonly Parser<TextPos> Arrow =
        RawText.Scan((s, pos) => !Scanner.IsArrowAt(s, pos) ? pos : s[pos] == '→' ? pos + 1 : pos + 2)
        .Select(arrow => arrow.Pos).Named("'->'").Lexeme();

    private static readonly Parser<char> Unicode =
        from u in Parse.Char('u')
        from hex in Parse.Char(Uri.IsHexDigit, "a hex digit").Repeat(4).Text()
        select (char)int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static readonly Parser<char> EscapeCode =
        Parse.Char('"').Or(Parse.Char('\\'))
        .Or(Parse.Char('n').Return('\n'))
        .Or(Parse.Char('t').Return('\t'))
        .Or(Unicode);

    private static readonly Parser<char> Escape =
        from at in Here
        from backslash in Parse.Char('\\')
        from code in EscapeCode.Else(at, EscapeError(at))
        select code;

    // Escape first: a bad escape is a malformed token, which an XOr passes on only from its first alternative.
    private static readonly Parser<char> StringChar = Escape.XOr(Parse.CharExcept("\"\\\n\r"));

    /// <summary>A double-quoted string on one line, with <c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\t</c> and <c>\uXXXX</c> escapes.</summary>
    public static readonly Parser<StringToken> StringLiteral =
        (from at in Here
         from open in Parse.Char('"')
         from value in StringChar.XMany().Text()
         from close in Parse.Char('"').Else(at, "unterminated string: no closing '\"' on this line")
         from end in Here
         select new StringToken(value, Slice(at, end), TextPos.Of(at))).Named("a string").Lexeme();

    /// <summary>Digits and whatever letters stick to them: <c>30</c>, <c>1h30m</c>, or a mistake such as <c>3x</c>.</summary>
    private static readonly Parser<string> Number =
        RawText.Scan((s, pos) => pos < s.Length && Scanner.IsDigit(s[pos]) ? Scanner.TokenEnd(s, pos) : pos).Select(number => number.Text);

    public static readonly Parser<IntToken> Integer =
        (from at in Here
         from text in Number
         from value in WholeNumber(text, at)
         select new IntToken(value, TextPos.Of(at))).Named("a whole number").Lexeme();

    public static readonly Parser<DurationToken> Duration =
        (from at in Here
         from text in Number
         from value in DurationValue(text, at)
         select new DurationToken(value, text, TextPos.Of(at))).Named("a duration such as 250ms, 30s or 1h30m").Lexeme();

    private static readonly Parser<TextRange> Fence = RawText.Scan((s, pos) => string.CompareOrdinal(s, pos, Scanner.ScriptFence, 0, 3) == 0 ? pos + 3 : pos);

    /// <summary>A script block: the code between a pair of triple backticks, byte for byte.</summary>
    public static readonly Parser<ScriptBlockToken> ScriptBlock =
        (from open in Fence
         from code in RawText.Scan(RawText.UpTo(Scanner.ScriptFence)).Optional()
         from end in Here
         from close in Fence.Else(open.Start, "unterminated script block: no closing ``` for the ``` opened here")
         select new ScriptBlockToken(end.Source, open.End, end.Position - open.End, new TextPos(open.Pos.Line, open.Pos.Column + 3), open.Pos))
        .Named("a script block ```…```").Lexeme();

    /// <summary>A JSON object as text; System.Text.Json checks it later (with a depth limit, where a grammar would recurse).</summary>
    public static readonly Parser<JsonToken> JsonObject =
        (from at in Here.Where(at => !at.AtEnd && at.Current == '{')
         from json in RawText.Scan(RawText.JsonObjectEnd).Else(at, "unterminated JSON object: no '}' closes this '{'")
         select new JsonToken(json.Text, json.Pos)).Named("a JSON object { … }").Lexeme();

    private static Parser<int> WholeNumber(string text, IInput at)
    {
        if (!text.All(Scanner.IsDigit))
            return Malformed.At<int>(at, $"expected a whole number, found '{text}'");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            ? Parse.Return(number)
            : Malformed.At<int>(at, $"number {text} is too large");
    }

    // Parts of <integer><unit>; the text is at most one line of name characters, so this is a plain loop.
    private static Parser<TimeSpan> DurationValue(string text, IInput at)
    {
        int p = 0;
        decimal totalMs = 0;
        while (p < text.Length && Scanner.IsDigit(text[p]))
        {
            int digits = p;
            while (p < text.Length && Scanner.IsDigit(text[p]))
                p++;
            if (p - digits > 12)
                return Malformed.At<TimeSpan>(at, $"duration {text} is too large");
            long amount = long.Parse(text.AsSpan(digits, p - digits), CultureInfo.InvariantCulture);
            long unitMs;
            if (string.CompareOrdinal(text, p, "ms", 0, 2) == 0) { unitMs = 1; p += 2; }
            else if (p < text.Length && text[p] == 's') { unitMs = 1000; p++; }
            else if (p < text.Length && text[p] == 'm') { unitMs = 60_000; p++; }
            else if (p < text.Length && text[p] == 'h') { unitMs = 3_600_000; p++; }
            else if (p < text.Length && text[p] == 'd') { unitMs = 86_400_000; p++; }
            else
                return Malformed.At<TimeSpan>(at, $"malformed duration '{text}': each number needs a unit ms, s, m, h or d, as in 250ms, 30s or 1h30m");
            totalMs += amount * (decimal)unitMs;
        }
        if (p < text.Length)
            return Malformed.At<TimeSpan>(at, $"malformed duration '{text}': units are ms, s, m, h and d, as in 250ms, 30s or 1h30m");
        if (totalMs > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
            return Malformed.At<TimeSpan>(at, $"duration {text} is too large");
        return Parse.Return(TimeSpan.FromMilliseconds((double)totalMs));
    }

    private static string EscapeError(IInput backslash)
    {
        string s = backslash.Source;
        char e = backslash.Position + 1 < s.Length ? s[backslash.Position + 1] : '\0';
        return e == 'u'
            ? "invalid escape in string: \\u needs four hex digits, as in \\u00e9"
            : $"invalid escape '\\{Printable(e)}' in string: use \\\", \\\\, \\n, \\t or \\uXXXX";
    }

    private static string Slice(IInput from, IInput to) => from.Source.Substring(from.Position, to.Position - from.Position);

    private static string Printable(char c) => char.IsControl(c) || c == '\0' ? $"U+{(int)c:X4}" : c.ToString();
}
