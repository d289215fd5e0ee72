using System.Globalization;
using System.Text;
using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// The lexical layer as Sprache parsers written by hand: each reads a whole token straight from the
/// source and skips the trivia after it, so a token costs one input object instead of one per character.
/// A token that does not start at the input fails without consuming it (so <c>XOr</c> tries the next
/// alternative, and the failure sits exactly at the token); a token that starts but is malformed
/// (a bad escape, <c>30x</c>) fails as consumed, with a message that says what is wrong.
/// </summary>
internal static class Tokens
{
    /// <summary>Leading white space and comments of a file.</summary>
    public static readonly Parser<TextPos> Trivia = Token((in Cursor at, out TextPos value, out Failure failure) =>
        Success(at.Pos, at, at.Position, out value, out failure));

    public static Parser<NameToken> Name(string what)
    {
        var expected = new[] { what };
        return Token((in Cursor at, out NameToken value, out Failure failure) =>
        {
            int end = Scanner.NameEnd(at.Source, at.Position);
            return end == at.Position
                ? Fail(Failure.Expected(at, expected), out value, out failure)
                : Success(new NameToken(NamePool.Get(at.Source, at.Position, end), at.Pos), at, end, out value, out failure);
        });
    }

    /// <summary>
    /// A keyword. Keywords are not reserved: a keyword followed by <c>-></c> or <c>,</c> is a job name
    /// in edges (<c>load -> report</c> works for a job called <c>report</c> as for one called <c>timeout</c>).
    /// </summary>
    public static Parser<TextPos> Keyword(string word)
    {
        var expected = new[] { "'" + word + "'" };
        return Token((in Cursor at, out TextPos value, out Failure failure) =>
            Scanner.IsNameAt(at.Source, at.Position, word) && !Scanner.StartsEdges(at.Source, at.Position)
                ? Success(at.Pos, at, at.Position + word.Length, out value, out failure)
                : Fail(Failure.Expected(at, expected), out value, out failure));
    }

    public static Parser<TextPos> Symbol(string text)
    {
        var expected = new[] { "'" + text + "'" };
        return Token((in Cursor at, out TextPos value, out Failure failure) =>
            string.CompareOrdinal(at.Source, at.Position, text, 0, text.Length) == 0
                ? Success(at.Pos, at, at.Position + text.Length, out value, out failure)
                : Fail(Failure.Expected(at, expected), out value, out failure));
    }

    private static readonly string[] ArrowExpected = ["'->'"];

    public static readonly Parser<TextPos> Arrow = Token((in Cursor at, out TextPos value, out Failure failure) =>
        !Scanner.IsArrowAt(at.Source, at.Position) ? Fail(Failure.Expected(at, ArrowExpected), out value, out failure)
        : Success(at.Pos, at, at.Position + (at.Source[at.Position] == '→' ? 1 : 2), out value, out failure));

    private static readonly string[] EdgeExpected = ["job names and '->'"];

    /// <summary>Succeeds, consuming nothing, where a name followed by an arrow or a comma starts edges.</summary>
    public static readonly Parser<TextPos> EdgeStart = Token((in Cursor at, out TextPos value, out Failure failure) =>
        Scanner.StartsEdges(at.Source, at.Position)
            ? Success(at.Pos, at, at.Position, out value, out failure)
            : Fail(Failure.Expected(at, EdgeExpected), out value, out failure));

    private static readonly string[] StringExpected = ["a string"];

    public static readonly Parser<StringToken> StringLiteral = Token((in Cursor at, out StringToken value, out Failure failure) =>
    {
        string s = at.Source;
        int start = at.Position;
        if (start >= s.Length || s[start] != '"')
            return Fail(Failure.Expected(at, StringExpected), out value, out failure);
        // Most strings have no escape: their value is a slice of the source, no builder needed.
        for (int p = start + 1; p < s.Length; p++)
        {
            char c = s[p];
            if (c == '"')
                return Success(new StringToken(s.Substring(start + 1, p - start - 1), s.Substring(start, p + 1 - start), at.Pos), at, p + 1, out value, out failure);
            if (c is '\\' or '\n' or '\r')
                break;
        }
        var builder = new StringBuilder();
        for (int p = start + 1; p < s.Length; p++)
        {
            char c = s[p];
            if (c == '"')
                return Success(new StringToken(builder.ToString(), s.Substring(start, p + 1 - start), at.Pos), at, p + 1, out value, out failure);
            if (c is '\n' or '\r')
                break;
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            char e = p + 1 < s.Length ? s[p + 1] : '\0';
            if (e == 'u' && p + 6 <= s.Length && ushort.TryParse(s.AsSpan(p + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                p += 5;
                continue;
            }
            char? plain = e switch { '"' => '"', '\\' => '\\', 'n' => '\n', 't' => '\t', _ => null };
            if (plain is null)
                return Fail(Failure.Error(at, p, e == 'u'
                    ? "invalid escape in string: \\u needs four hex digits, as in \\u00e9"
                    : $"invalid escape '\\{Printable(e)}' in string: use \\\", \\\\, \\n, \\t or \\uXXXX"), out value, out failure);
            builder.Append(plain.Value);
            p++;
        }
        return Fail(Failure.Error(at, start, "unterminated string: no closing '\"' on this line"), out value, out failure);
    });

    private static readonly string[] IntegerExpected = ["a whole number"];

    public static readonly Parser<IntToken> Integer = Token((in Cursor at, out IntToken value, out Failure failure) =>
    {
        string s = at.Source;
        int end = at.Position;
        while (end < s.Length && Scanner.IsDigit(s[end]))
            end++;
        if (end == at.Position)
            return Fail(Failure.Expected(at, IntegerExpected), out value, out failure);
        if (end < s.Length && Scanner.IsNamePart(s[end]))
            return Fail(Failure.Error(at, at.Position, $"expected a whole number, found '{s[at.Position..Scanner.TokenEnd(s, at.Position)]}'"), out value, out failure);
        return int.TryParse(s.AsSpan(at.Position, end - at.Position), NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            ? Success(new IntToken(number, at.Pos), at, end, out value, out failure)
            : Fail(Failure.Error(at, at.Position, $"number {s[at.Position..end]} is too large"), out value, out failure);
    });

    private static readonly string[] DurationExpected = ["a duration such as 250ms, 30s or 1h30m"];

    public static readonly Parser<DurationToken> Duration = Token((in Cursor at, out DurationToken value, out Failure failure) =>
    {
        string s = at.Source;
        int start = at.Position;
        if (start >= s.Length || !Scanner.IsDigit(s[start]))
            return Fail(Failure.Expected(at, DurationExpected), out value, out failure);
        int p = start;
        decimal totalMs = 0;
        while (p < s.Length && Scanner.IsDigit(s[p]))
        {
            int digits = p;
            while (p < s.Length && Scanner.IsDigit(s[p]))
                p++;
            if (p - digits > 12)
                return Fail(Failure.Error(at, start, $"duration {Raw(s, start)} is too large"), out value, out failure);
            long amount = long.Parse(s.AsSpan(digits, p - digits), CultureInfo.InvariantCulture);
            long unitMs;
            if (string.CompareOrdinal(s, p, "ms", 0, 2) == 0) { unitMs = 1; p += 2; }
            else if (p < s.Length && s[p] == 's') { unitMs = 1000; p++; }
            else if (p < s.Length && s[p] == 'm') { unitMs = 60_000; p++; }
            else if (p < s.Length && s[p] == 'h') { unitMs = 3_600_000; p++; }
            else if (p < s.Length && s[p] == 'd') { unitMs = 86_400_000; p++; }
            else
                return Fail(Failure.Error(at, start, $"malformed duration '{Raw(s, start)}': each number needs a unit ms, s, m, h or d, as in 250ms, 30s or 1h30m"), out value, out failure);
            totalMs += amount * (decimal)unitMs;
        }
        if (p < s.Length && Scanner.IsNamePart(s[p]))
            return Fail(Failure.Error(at, start, $"malformed duration '{Raw(s, start)}': units are ms, s, m, h and d, as in 250ms, 30s or 1h30m"), out value, out failure);
        if (totalMs > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
            return Fail(Failure.Error(at, start, $"duration {Raw(s, start)} is too large"), out value, out failure);
        return Success(new DurationToken(TimeSpan.FromMilliseconds((double)totalMs), s[start..p], at.Pos), at, p, out value, out failure);
    });

    private static readonly string[] ScriptExpected = ["a script block ```…```"];

    /// <summary>A script block, found with one IndexOf for the closing fence rather than a parser per character.</summary>
    public static readonly Parser<ScriptBlockToken> ScriptBlock = Token((in Cursor at, out ScriptBlockToken value, out Failure failure) =>
    {
        string s = at.Source;
        if (string.CompareOrdinal(s, at.Position, Scanner.ScriptFence, 0, 3) != 0)
            return Fail(Failure.Expected(at, ScriptExpected), out value, out failure);
        int codeStart = at.Position + 3;
        int close = s.IndexOf(Scanner.ScriptFence, codeStart, StringComparison.Ordinal);
        if (close < 0)
            return Fail(Failure.Error(at, at.Position, "unterminated script block: no closing ``` for the ``` opened here"), out value, out failure);
        return Success(new ScriptBlockToken(s, codeStart, close - codeStart, new TextPos(at.Line, at.Column + 3), at.Pos), at, close + 3, out value, out failure);
    });

    private static readonly string[] JsonExpected = ["a JSON object { … }"];

    /// <summary>
    /// The extent of a JSON object, found by counting braces outside strings. Parsing it is left to
    /// System.Text.Json with a depth limit: a recursive grammar would overflow the stack on <c>{{{{…</c>.
    /// </summary>
    public static readonly Parser<JsonToken> JsonObject = Token((in Cursor at, out JsonToken value, out Failure failure) =>
    {
        string s = at.Source;
        if (at.Position >= s.Length || s[at.Position] != '{')
            return Fail(Failure.Expected(at, JsonExpected), out value, out failure);
        int depth = 0;
        for (int p = at.Position; p < s.Length; p++)
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
                return Success(new JsonToken(s.Substring(at.Position, p + 1 - at.Position), at.Pos), at, p + 1, out value, out failure);
        }
        return Fail(Failure.Error(at, at.Position, "unterminated JSON object: no '}' closes this '{'"), out value, out failure);
    });

    private static string Raw(string s, int start) => s[start..Scanner.TokenEnd(s, start)];

    private static string Printable(char c) => char.IsControl(c) || c == '\0' ? $"U+{(int)c:X4}" : c.ToString();

    private static Parser<T> Token<T>(TokenScan<T> scan) => new TokenRule<T>(scan).Parser;

    /// <summary>Success: the input continues past the token and the trivia after it.</summary>
    private static int Success<T>(T token, in Cursor at, int tokenEnd, out T value, out Failure failure)
    {
        (value, failure) = (token, default);
        return Scanner.SkipTrivia(at.Source, tokenEnd);
    }

    private static int Fail<T>(Failure why, out T value, out Failure failure)
    {
        (value, failure) = (default!, why);
        return -1;
    }
}
