using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// A Sprache input that can jump: Sprache's own <see cref="Input"/> moves one character per object and
/// allocates a memo table for each, which is what makes per-character grammars slow. Token parsers
/// scan the source directly and hand back one <see cref="SourceInput"/> for the whole token.
/// </summary>
internal sealed class SourceInput : IInput
{
    private IDictionary<object, object>? _memos;
    // Marks the remainder of a failure that consumed input though it sits where it started (see Committed).
    private readonly bool _committed;

    public SourceInput(string source) : this(source, 0, 1, 1) { }

    private SourceInput(string source, int position, int line, int column, bool committed = false)
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
        if (target > from.Source.Length || target < from.Position)
            throw new ArgumentOutOfRangeException(nameof(target));
        var skipped = from.Source.AsSpan(from.Position, target - from.Position);
        int newlines = skipped.Count('\n');
        if (newlines == 0)
            return new SourceInput(from.Source, target, from.Line, from.Column + skipped.Length);
        return new SourceInput(from.Source, target, from.Line + newlines, skipped.Length - skipped.LastIndexOf('\n'));
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
