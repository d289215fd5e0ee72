using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// Sprache's <c>XOr</c>, <c>Select</c>, <c>Return</c> and <c>Many</c>, with the same semantics and error
/// merging, run on a <see cref="Cursor"/>. Being in this namespace they take precedence over Sprache's
/// own in <see cref="FlowGrammar"/>, whose rules read as Sprache grammar; Sprache's versions allocate a
/// closure or a result on every use (one <c>XOr</c> per <c>run</c> statement, three per schedule).
/// </summary>
internal static class RuleExtensions
{
    /// <summary>
    /// <paramref name="second"/> only where <paramref name="first"/> fails without consuming input (or
    /// matches nothing); two failures at the same place merge their expectations.
    /// </summary>
    public static Parser<T> XOr<T>(this Parser<T> first, Parser<T> second)
    {
        var (a, b) = (CursorRule<T>.Of(first), CursorRule<T>.Of(second));
        return Rules.Rule((ref Cursor at, out T value, out Failure failure) =>
        {
            var next = at;
            if (!a.Run(ref next, out value, out failure))
            {
                if (failure.Consumed(at))
                    return false;
                var firstFailure = failure;
                if (b.Run(ref at, out value, out failure))
                    return true;
                failure = BestError(firstFailure, failure);
                return false;
            }
            if (next.Position != at.Position)
            {
                at = next;
                return true;
            }
            // A zero-length match of the first leaves the second its chance.
            var firstValue = value;
            if (b.Run(ref at, out value, out failure))
                return true;
            (value, failure) = (firstValue, default);
            return true;
        });
    }

    // As Sprache's DetermineBestError: the failure that got further, or both expectations where they tie.
    private static Failure BestError(Failure first, Failure second) =>
        second.At.Position > first.At.Position ? second
        : second.At.Position == first.At.Position ? first.WithExpectations(first.Expectations.Union(second.Expectations))
        : first;

    public static Parser<U> Select<T, U>(this Parser<T> parser, Func<T, U> convert)
    {
        var rule = CursorRule<T>.Of(parser);
        return Rules.Rule((ref Cursor at, out U value, out Failure failure) =>
        {
            bool matched = rule.Run(ref at, out var found, out failure);
            value = matched ? convert(found) : default!;
            return matched;
        });
    }

    public static Parser<U> Return<T, U>(this Parser<T> parser, U value) => parser.Select(_ => value);

    public static Parser<IEnumerable<T>> Many<T>(this Parser<T> parser) => Rules.Many(parser);
}
