using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// Failures of tokens that started but are wrong (<c>30sec</c>, an unterminated string). Sprache reports a
/// failure where its remainder stands and treats a remainder equal to the input as "nothing consumed",
/// so <c>XOr</c> would try the next alternative and merge their expectations into "expected …". These
/// failures stand where the mistake is, usually the token's first character, and still count as consumed.
/// </summary>
internal static class Malformed
{
    /// <summary>A parser that fails at <paramref name="at"/> with <paramref name="message"/>, as a malformed token.</summary>
    public static Parser<T> At<T>(IInput at, string message) => _ => Result.Failure<T>(new MalformedInput(at), message, []);

    /// <summary><paramref name="parser"/>, but a failure of it becomes the malformed token <paramref name="message"/> at <paramref name="at"/>.</summary>
    public static Parser<T> Else<T>(this Parser<T> parser, IInput at, string message) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful || result.Remainder is MalformedInput ? result : At<T>(at, message)(input);
    };

    /// <summary>The input a malformed token's failure stands at, as a plain input to resume from.</summary>
    public static IInput Unwrap(IInput input) => input is MalformedInput malformed ? malformed.At : input;

    /// <summary>An input at the mistake that is equal to no other, so Sprache sees the failure as consuming input.</summary>
    private sealed class MalformedInput(IInput at) : IInput
    {
        public IInput At { get; } = at;

        public string Source => At.Source;

        public char Current => At.Current;

        public bool AtEnd => At.AtEnd;

        public int Position => At.Position;

        public int Line => At.Line;

        public int Column => At.Column;

        public IDictionary<object, object> Memos => At.Memos;

        public IInput Advance() => At.Advance();

        public bool Equals(IInput? other) => ReferenceEquals(this, other);

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => At.GetHashCode();
    }
}
