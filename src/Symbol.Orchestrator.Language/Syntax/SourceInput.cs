using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// A Sprache input that can jump: Sprache's own <see cref="Input"/> moves one character per object and
/// allocates a memo table for each, which is what makes per-character grammars slow. Token parsers
/// scan the source directly and hand back one <see cref="SourceInput"/> for the whole token.
/// </summary>
internal class SourceInput : IInput
{
    private IDictionary<object, object>? _memos;
    // Marks the remainder of a failure that consumed input though it sits where it started (see Committed).
    private readonly bool _committed;

    public SourceInput(string source) : this(source, 0, 1, 1) { }

    private protected SourceInput(string source, int position, int line, int column, bool committed = false)
    {
        _committed = committed;
        Source = source;
        Position = position;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public bool AtEnd => Position >= Source.Length;

    public char Current => Source[Position];

    // Only Parse.Ref uses memos, and this grammar has no recursive rule; allocate on demand.
    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => At(Cursor.At(this).MoveTo(Position + 1));

    public static SourceInput At(in Cursor at) => new(at.Source, at.Position, at.Line, at.Column);

    /// <summary>A success that stops where <paramref name="at"/> is: one object, not a result and an input.</summary>
    public static Parsed<T> ParsedAt<T>(T value, in Cursor at) => new(value, at.Source, at.Position, at.Line, at.Column);

    /// <summary>
    /// The same place, but unequal to it: Sprache's <c>XOr</c> only gives up on alternatives when a
    /// failure's remainder differs from its input, and an error such as an unterminated script block
    /// belongs at the token's first character.
    /// </summary>
    public static SourceInput Committed(in Cursor at) => new(at.Source, at.Position, at.Line, at.Column, committed: true);

    public bool IsCommitted => _committed;

    public TextPos Pos => new(Line, Column);

    public bool Equals(IInput? other) =>
        other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position
        && _committed == (other is SourceInput { _committed: true });

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;

    public override string ToString() => $"Line {Line}, Column {Column}";
}

/// <summary>
/// A successful parse that is also its own remainder. Sprache pairs an <see cref="IResult{T}"/> with the
/// <see cref="IInput"/> after it; a grammar that allocates both for every token spends half its time in the
/// garbage collector, so ours are one object.
/// </summary>
internal sealed class Parsed<T> : SourceInput, IResult<T>
{
    internal Parsed(T value, string source, int position, int line, int column) : base(source, position, line, column) => Value = value;

    public T Value { get; }

    public bool WasSuccessful => true;

    public string? Message => null;

    public IEnumerable<string> Expectations => [];

    public IInput Remainder => this;
}
