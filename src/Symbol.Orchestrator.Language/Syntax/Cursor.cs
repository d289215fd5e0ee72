using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// A place in the source as a value. The grammar's rules run on it and create a Sprache input only at
/// a Sprache boundary or for a failure, so a keyword in the middle of a statement costs no object.
/// </summary>
internal readonly struct Cursor(string source, int position, int line, int column, IInput? input = null)
{
    public string Source { get; } = source;

    public int Position { get; } = position;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>A Sprache input at exactly this place when one already exists, so handing it on allocates nothing.</summary>
    public IInput? Input { get; } = input;

    public TextPos Pos => new(Line, Column);

    public bool AtEnd => Position >= Source.Length;

    public static Cursor At(IInput input) => new(input.Source, input.Position, input.Line, input.Column, input);

    /// <summary>The cursor at <paramref name="target"/>, counting the newlines skipped on the way in one vectorised pass.</summary>
    public Cursor MoveTo(int target)
    {
        if (target == Position)
            return this;
        if (target > Source.Length || target < Position)
            throw new ArgumentOutOfRangeException(nameof(target));
        var skipped = Source.AsSpan(Position, target - Position);
        int lastNewline = skipped.LastIndexOf('\n');
        return lastNewline < 0
            ? new Cursor(Source, target, Line, Column + skipped.Length)
            : new Cursor(Source, target, Line + skipped[..(lastNewline + 1)].Count('\n'), skipped.Length - lastNewline);
    }

    public IInput ToInput() => Input ?? SourceInput.At(this);

    /// <summary>The same place without the input it came from (which may be a committed failure's remainder).</summary>
    public Cursor Detached() => new(Source, Position, Line, Column);
}

/// <summary>Why a rule did not match, and where; becomes a Sprache failure only when one is asked for.</summary>
internal readonly struct Failure(Cursor at, bool committed, string? message, IEnumerable<string> expectations)
{
    public Cursor At { get; } = at;

    /// <summary>Input was consumed even though <see cref="At"/> may be where the rule started (see <see cref="SourceInput.Committed"/>).</summary>
    public bool Committed { get; } = committed;

    public string? Message { get; } = message;

    public IEnumerable<string> Expectations { get; } = expectations;

    /// <summary>Nothing matched at <paramref name="at"/>: the next alternative may be tried there.</summary>
    public static Failure Expected(in Cursor at, string[] expectations) => new(at, false, "", expectations);

    /// <summary>A token started at <paramref name="start"/> but is malformed at <paramref name="at"/>: a complete message, input consumed.</summary>
    public static Failure Error(in Cursor start, int at, string message) => new(start.MoveTo(at), true, message, []);

    public static Failure Of<T>(IResult<T> failure) =>
        new(Cursor.At(failure.Remainder), failure.Remainder is SourceInput { IsCommitted: true }, failure.Message, failure.Expectations);

    /// <summary>Like Sprache's <c>!result.Remainder.Equals(input)</c>: the failure consumed input, so no alternative is tried.</summary>
    public bool Consumed(in Cursor start) => Committed || At.Position != start.Position;

    public Failure WithExpectations(IEnumerable<string> expectations) => new(At, Committed, Message, expectations);

    public IResult<T> ToResult<T>()
    {
        var remainder = !Committed ? At.ToInput()
            : At.Input is SourceInput { IsCommitted: true } committed ? committed : SourceInput.Committed(At);
        return Result.Failure<T>(remainder, Message ?? "", Expectations);
    }
}

/// <summary>
/// A grammar rule that runs on a <see cref="Cursor"/>. <see cref="Parser"/> is its Sprache face, and the
/// combinators in <see cref="Rules"/> recognise it (the delegate's target) to run it without one.
/// </summary>
internal abstract class CursorRule<T>
{
    protected CursorRule() => Parser = Parse;

    public Parser<T> Parser { get; }

    /// <summary>On success moves <paramref name="at"/> past the match; on failure leaves it where it was.</summary>
    public abstract bool Run(ref Cursor at, out T value, out Failure failure);

    private IResult<T> Parse(IInput input)
    {
        var at = Cursor.At(input);
        return Run(ref at, out var value, out var failure) ? SourceInput.ParsedAt(value, at) : failure.ToResult<T>();
    }

    /// <summary>The rule behind <paramref name="parser"/>, or one that calls it through Sprache.</summary>
    public static CursorRule<T> Of(Parser<T> parser) => parser.Target as CursorRule<T> ?? new SpracheRule(parser);

    private sealed class SpracheRule(Parser<T> parser) : CursorRule<T>
    {
        public override bool Run(ref Cursor at, out T value, out Failure failure)
        {
            var result = parser(at.ToInput());
            if (result.WasSuccessful)
            {
                at = Cursor.At(result.Remainder);
                (value, failure) = (result.Value, default);
                return true;
            }
            (value, failure) = (default!, Failure.Of(result));
            return false;
        }
    }
}

/// <summary>A token: a scan of the source from the cursor that returns where the input continues, or -1.</summary>
internal delegate int TokenScan<T>(in Cursor at, out T value, out Failure failure);

internal sealed class TokenRule<T>(TokenScan<T> scan) : CursorRule<T>
{
    public override bool Run(ref Cursor at, out T value, out Failure failure)
    {
        int next = scan(at, out value, out failure);
        if (next < 0)
            return false;
        at = at.MoveTo(next);
        return true;
    }
}
