using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// The grammar's input: Sprache's <see cref="Input"/>, but able to move ahead many characters at once, and
/// with its memo table made only when asked for (only <c>Parse.Ref</c> asks, and this grammar has no
/// recursion). Sprache's own input allocates an object and a dictionary for every character it moves on,
/// which, for a folder of 10,000 workflows, made the garbage collector the largest cost of <c>validate</c>.
/// </summary>
internal sealed class FlowInput : IInput
{
    private IDictionary<object, object>? _memos;

    public FlowInput(string source) : this(source, 0, 1, 1) { }

    private FlowInput(string source, int position, int line, int column) =>
        (Source, Position, Line, Column) = (source, position, line, column);

    public string Source { get; }

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public bool AtEnd => Position >= Source.Length;

    public char Current => Source[Position];

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => AtEnd ? throw new InvalidOperationException("The input is already at the end of the source.") : MoveTo(Position + 1);

    /// <summary>The input at <paramref name="target"/>, ahead of this one, counting the newlines on the way in one pass.</summary>
    public FlowInput MoveTo(int target)
    {
        if (target == Position)
            return this;
        var skipped = Source.AsSpan(Position, target - Position);
        int lastNewline = skipped.LastIndexOf('\n');
        return lastNewline < 0
            ? new FlowInput(Source, target, Line, Column + skipped.Length)
            : new FlowInput(Source, target, Line + skipped[..(lastNewline + 1)].Count('\n'), skipped.Length - lastNewline);
    }

    public bool Equals(IInput? other) => other is FlowInput input && ReferenceEquals(Source, input.Source) && Position == input.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;

    public override string ToString() => $"Line {Line}, Column {Column}";
}
