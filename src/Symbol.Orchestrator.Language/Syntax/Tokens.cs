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
    public static readonly Parser<TextPos> Trivia = i =>
        SourceInput.ParsedTo(new TextPos(i.Line, i.Column), i, Scanner.SkipTrivia(i.Source, i.Position));

    public static Parser<NameToken> Name(string what)
    {
        var expected = new[] { what };
        return i =>
        {
            int end = Scanner.NameEnd(i.Source, i.Position);
            return end == i.Position
                ? Result.Failure<NameToken>(i, "", expected)
                : Success(new NameToken(NamePool.Get(i.Source, i.Position, end), Pos(i)), i, end);
        };
    }

    /// <summary>
    /// A keyword. Keywords are not reserved: a keyword followed by <c>-></c> or <c>,</c> is a job name
    /// in edges (<c>load -> report</c> works for a job called <c>report</c> as for one called <c>timeout</c>).
    /// </summary>
    public static Parser<TextPos> Keyword(string word)
    {
        var expected = new[] { "'" + word + "'" };
        return i => Scanner.IsNameAt(i.Source, i.Position, word) && !Scanner.StartsEdges(i.Source, i.Position)
            ? Success(Pos(i), i, i.Position + word.Length)
            : Result.Failure<TextPos>(i, "", expected);
    }

    public static Parser<TextPos> Symbol(string text)
    {
        var expected = new[] { "'" + text + "'" };
        return i => string.CompareOrdinal(i.Source, i.Position, text, 0, text.Length) == 0
            ? Success(Pos(i), i, i.Position + text.Length)
            : Result.Failure<TextPos>(i, "", expected);
    }

    private static readonly string[] ArrowExpected = ["'->'"];

    public static readonly Parser<TextPos> Arrow = i =>
        !Scanner.IsArrowAt(i.Source, i.Position) ? Result.Failure<TextPos>(i, "", ArrowExpected)
        : Success(Pos(i), i, i.Position + (i.Source[i.Position] == '→' ? 1 : 2));

    /// <summary>Succeeds, consuming nothing, where a name followed by an arrow or a comma starts edges.</summary>
    public static readonly Parser<TextPos> EdgeStart = i =>
        Scanner.StartsEdges(i.Source, i.Position) ? SourceInput.ParsedAt(Pos(i), i) : Result.Failure<TextPos>(i, "", EdgeExpected);

    private static readonly string[] EdgeExpected = ["job names and '->'"];

    private static readonly string[] StringExpected = ["a string"];

    public static readonly Parser<StringToken> StringLiteral = i =>
    {
        string s = i.Source;
        int start = i.Position;
        if (start >= s.Length || s[start] != '"')
            return Result.Failure<StringToken>(i, "", StringExpected);
        // Most strings have no escape: their value is a slice of the source, no builder needed.
        for (int p = start + 1; p < s.Length; p++)
        {
            char c = s[p];
            if (c == '"')
                return Success(new StringToken(s.Substring(start + 1, p - start - 1), s.Substring(start, p + 1 - start), Pos(i)), i, p + 1);
            if (c is '\\' or '\n' or '\r')
                break;
        }
        var value = new StringBuilder();
        for (int p = start + 1; p < s.Length; p++)
        {
            char c = s[p];
            if (c == '"')
                return Success(new StringToken(value.ToString(), s.Substring(start, p + 1 - start), Pos(i)), i, p + 1);
            if (c is '\n' or '\r')
                break;
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            char e = p + 1 < s.Length ? s[p + 1] : '\0';
            if (e == 'u' && p + 6 <= s.Length && ushort.TryParse(s.AsSpan(p + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                value.Append((char)code);
                p += 5;
                continue;
            }
            char? plain = e switch { '"' => '"', '\\' => '\\', 'n' => '\n', 't' => '\t', _ => null };
            if (plain is null)
                return Error<StringToken>(i, p, e == 'u'
                    ? "invalid escape in string: \\u needs four hex digits, as in \\u00e9"
                    : $"invalid escape '\\{Printable(e)}' in string: use \\\", \\\\, \\n, \\t or \\uXXXX");
            value.Append(plain.Value);
            p++;
        }
        return Error<StringToken>(i, start, "unterminated string: no closing '\"' on this line");
    };

    private static readonly string[] IntegerExpected = ["a whole number"];

    public static readonly Parser<IntToken> Integer = i =>
    {
        string s = i.Source;
        int end = i.Position;
        while (end < s.Length && Scanner.IsDigit(s[end]))
            end++;
        if (end == i.Position)
            return Result.Failure<IntToken>(i, "", IntegerExpected);
        if (end < s.Length && Scanner.IsNamePart(s[end]))
            return Error<IntToken>(i, i.Position, $"expected a whole number, found '{s[i.Position..Scanner.TokenEnd(s, i.Position)]}'");
        return int.TryParse(s.AsSpan(i.Position, end - i.Position), NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? Success(new IntToken(value, Pos(i)), i, end)
            : Error<IntToken>(i, i.Position, $"number {s[i.Position..end]} is too large");
    };

    private static readonly string[] DurationExpected = ["a duration such as 250ms, 30s or 1h30m"];

    public static readonly Parser<DurationToken> Duration = i =>
    {
        string s = i.Source;
        int start = i.Position;
        if (start >= s.Length || !Scanner.IsDigit(s[start]))
            return Result.Failure<DurationToken>(i, "", DurationExpected);
        int p = start;
        decimal totalMs = 0;
        while (p < s.Length && Scanner.IsDigit(s[p]))
        {
            int digits = p;
            while (p < s.Length && Scanner.IsDigit(s[p]))
                p++;
            if (p - digits > 12)
                return Error<DurationToken>(i, start, $"duration {Raw(s, start)} is too large");
            long amount = long.Parse(s.AsSpan(digits, p - digits), CultureInfo.InvariantCulture);
            long unitMs;
            if (string.CompareOrdinal(s, p, "ms", 0, 2) == 0) { unitMs = 1; p += 2; }
            else if (p < s.Length && s[p] == 's') { unitMs = 1000; p++; }
            else if (p < s.Length && s[p] == 'm') { unitMs = 60_000; p++; }
            else if (p < s.Length && s[p] == 'h') { unitMs = 3_600_000; p++; }
            else if (p < s.Length && s[p] == 'd') { unitMs = 86_400_000; p++; }
            else
                return Error<DurationToken>(i, start, $"malformed duration '{Raw(s, start)}': each number needs a unit ms, s, m, h or d, as in 250ms, 30s or 1h30m");
            totalMs += amount * (decimal)unitMs;
        }
        if (p < s.Length && Scanner.IsNamePart(s[p]))
            return Error<DurationToken>(i, start, $"malformed duration '{Raw(s, start)}': units are ms, s, m, h and d, as in 250ms, 30s or 1h30m");
        if (totalMs > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
            return Error<DurationToken>(i, start, $"duration {Raw(s, start)} is too large");
        return Success(new DurationToken(TimeSpan.FromMilliseconds((double)totalMs), s[start..p], Pos(i)), i, p);
    };

    private static readonly string[] ScriptExpected = ["a script block ```…```"];

    /// <summary>A script block, found with one IndexOf for the closing fence rather than a parser per character.</summary>
    public static readonly Parser<ScriptBlockToken> ScriptBlock = i =>
    {
        string s = i.Source;
        if (string.CompareOrdinal(s, i.Position, Scanner.ScriptFence, 0, 3) != 0)
            return Result.Failure<ScriptBlockToken>(i, "", ScriptExpected);
        int codeStart = i.Position + 3;
        int close = s.IndexOf(Scanner.ScriptFence, codeStart, StringComparison.Ordinal);
        if (close < 0)
            return Error<ScriptBlockToken>(i, i.Position, "unterminated script block: no closing ``` for the ``` opened here");
        return Success(new ScriptBlockToken(s, codeStart, close - codeStart, new TextPos(i.Line, i.Column + 3), Pos(i)), i, close + 3);
    };

    private static readonly string[] JsonExpected = ["a JSON object { … }"];

    /// <summary>
    /// The extent of a JSON object, found by counting braces outside strings. Parsing it is left to
    /// System.Text.Json with a depth limit: a recursive grammar would overflow the stack on <c>{{{{…</c>.
    /// </summary>
    public static readonly Parser<JsonToken> JsonObject = i =>
    {
        string s = i.Source;
        if (i.Position >= s.Length || s[i.Position] != '{')
            return Result.Failure<JsonToken>(i, "", JsonExpected);
        int depth = 0;
        for (int p = i.Position; p < s.Length; p++)
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
                return Success(new JsonToken(s.Substring(i.Position, p + 1 - i.Position), Pos(i)), i, p + 1);
        }
        return Error<JsonToken>(i, i.Position, "unterminated JSON object: no '}' closes this '{'");
    };

    private static TextPos Pos(IInput i) => new(i.Line, i.Column);

    private static string Raw(string s, int start) => s[start..Scanner.TokenEnd(s, start)];

    private static string Printable(char c) => char.IsControl(c) || c == '\0' ? $"U+{(int)c:X4}" : c.ToString();

    /// <summary>Success, with the input moved past the token and the trivia after it.</summary>
    private static IResult<T> Success<T>(T value, IInput i, int tokenEnd) =>
        SourceInput.ParsedTo(value, i, Scanner.SkipTrivia(i.Source, tokenEnd));

    /// <summary>A failure that counts as consumed input, placed at <paramref name="at"/>, carrying a complete message.</summary>
    public static IResult<T> Error<T>(IInput i, int at, string message) =>
        Result.Failure<T>(at == i.Position ? SourceInput.Committed(i) : SourceInput.AdvanceTo(i, at), message, []);
}
