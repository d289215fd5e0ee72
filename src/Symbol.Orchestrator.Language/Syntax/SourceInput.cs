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

    public IInput Advance() => AdvanceTo(this, Position + 1);

    /// <summary>The input at <paramref name="target"/>, counting the newlines skipped on the way in one vectorised pass.</summary>
    public static SourceInput AdvanceTo(IInput from, int target)
    {
        var (line, column) = LineAndColumn(from, target);
        return new SourceInput(from.Source, target, line, column);
    }

    /// <summary>A success whose remainder is <paramref name="target"/>: one object, not a result and an input.</summary>
    public static Parsed<T> ParsedTo<T>(T value, IInput from, int target)
    {
        var (line, column) = LineAndColumn(from, target);
        return new Parsed<T>(value, from.Source, target, line, column);
    }

    /// <summary>A success that stops where <paramref name="at"/> is.</summary>
    public static Parsed<T> ParsedAt<T>(T value, IInput at) => new(value, at.Source, at.Position, at.Line, at.Column);

    private static (int Line, int Column) LineAndColumn(IInput from, int target)
    {
        if (target > from.Source.Length || target < from.Position)
            throw new ArgumentOutOfRangeException(nameof(target));
        var skipped = from.Source.AsSpan(from.Position, target - from.Position);
        int lastNewline = skipped.LastIndexOf('\n');
        if (lastNewline < 0)
            return (from.Line, from.Column + skipped.Length);
        return (from.Line + skipped[..(lastNewline + 1)].Count('\n'), skipped.Length - lastNewline);
    }

    /// <summary>
    /// The same place, but unequal to it: Sprache's <c>XOr</c> only gives up on alternatives when a
    /// failure's remainder differs from its input, and an error such as an unterminated script block
    /// belongs at the token's first character.
    /// </summary>
    public static SourceInput Committed(IInput at) => new(at.Source, at.Position, at.Line, at.Column, committed: true);

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
