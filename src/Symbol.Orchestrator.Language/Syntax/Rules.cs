using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// Sequencing and choice for the grammar, cheaper than Sprache's LINQ comprehensions: a
/// <c>from … from … select</c> chain builds closures and intermediate parsers on every step of every
/// parse (measured: 3 KB of garbage for <c>workflow w { }</c>), while these run each part in turn and
/// allocate only results. Failure semantics match Sprache's: the first failing part's result is returned.
/// </summary>
internal static class Rules
{
    public static Parser<R> Sequence<A, B, R>(Parser<A> a, Parser<B> b, Func<A, B, R> select) =>
        i =>
        {
            var ra = a(i);
            if (!ra.WasSuccessful)
                return Fail<A, R>(ra);
            var rb = b(ra.Remainder);
            return rb.WasSuccessful ? Success(select(ra.Value, rb.Value), rb.Remainder) : Fail<B, R>(rb);
        };

    public static Parser<R> Sequence<A, B, C, R>(Parser<A> a, Parser<B> b, Parser<C> c, Func<A, B, C, R> select) =>
        i =>
        {
            var ra = a(i);
            if (!ra.WasSuccessful)
                return Fail<A, R>(ra);
            var rb = b(ra.Remainder);
            if (!rb.WasSuccessful)
                return Fail<B, R>(rb);
            var rc = c(rb.Remainder);
            return rc.WasSuccessful ? Success(select(ra.Value, rb.Value, rc.Value), rc.Remainder) : Fail<C, R>(rc);
        };

    public static Parser<R> Sequence<A, B, C, D, R>(Parser<A> a, Parser<B> b, Parser<C> c, Parser<D> d, Func<A, B, C, D, R> select) =>
        i =>
        {
            var ra = a(i);
            if (!ra.WasSuccessful)
                return Fail<A, R>(ra);
            var rb = b(ra.Remainder);
            if (!rb.WasSuccessful)
                return Fail<B, R>(rb);
            var rc = c(rb.Remainder);
            if (!rc.WasSuccessful)
                return Fail<C, R>(rc);
            var rd = d(rc.Remainder);
            return rd.WasSuccessful ? Success(select(ra.Value, rb.Value, rc.Value, rd.Value), rd.Remainder) : Fail<D, R>(rd);
        };

    public static Parser<R> Sequence<A, B, C, D, E, R>(Parser<A> a, Parser<B> b, Parser<C> c, Parser<D> d, Parser<E> e, Func<A, B, C, D, E, R> select) =>
        i =>
        {
            var ra = a(i);
            if (!ra.WasSuccessful)
                return Fail<A, R>(ra);
            var rb = b(ra.Remainder);
            if (!rb.WasSuccessful)
                return Fail<B, R>(rb);
            var rc = c(rb.Remainder);
            if (!rc.WasSuccessful)
                return Fail<C, R>(rc);
            var rd = d(rc.Remainder);
            if (!rd.WasSuccessful)
                return Fail<D, R>(rd);
            var re = e(rd.Remainder);
            return re.WasSuccessful ? Success(select(ra.Value, rb.Value, rc.Value, rd.Value, re.Value), re.Remainder) : Fail<E, R>(re);
        };

    /// <summary>
    /// Picks the statement by its first word with one dictionary lookup; a word that is no key, or that is
    /// followed by an arrow (a job named like a keyword, in edges), goes to <paramref name="otherwise"/>.
    /// An <c>XOr</c> chain of a dozen keywords would allocate a failure for every keyword tried first.
    /// </summary>
    public static Parser<T> ByKeyword<T>(IReadOnlyDictionary<string, Parser<T>> statements, Parser<T> otherwise)
    {
        var lookup = statements.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        return i =>
        {
            int end = Scanner.NameEnd(i.Source, i.Position);
            return end > i.Position
                && lookup.TryGetValue(i.Source.AsSpan(i.Position, end - i.Position), out var statement)
                && !Scanner.StartsEdges(i.Source, i.Position)
                ? statement(i)
                : otherwise(i);
        };
    }

    /// <summary><paramref name="edges"/> where a name followed by <c>-></c>, <c>→</c> or <c>,</c> starts here, else <paramref name="statement"/>.</summary>
    public static Parser<T> EdgesOr<T>(Parser<T> edges, Parser<T> statement) =>
        i => Scanner.StartsEdges(i.Source, i.Position) ? edges(i) : statement(i);

    /// <summary>Zero or one <paramref name="parser"/>; like Sprache's <c>XOptional</c>, a failure after consuming input stays a failure.</summary>
    public static Parser<T?> Optional<T>(Parser<T> parser) where T : class =>
        i =>
        {
            var result = parser(i);
            if (result.WasSuccessful)
                return Success<T?>(result.Value, result.Remainder);
            return result.Remainder.Equals(i) ? Success<T?>(null, i) : Fail<T, T?>(result);
        };

    /// <summary>One or more <paramref name="item"/>s separated by <paramref name="separator"/>; a separator not followed by an item fails.</summary>
    public static Parser<IReadOnlyList<T>> DelimitedBy<T, S>(Parser<T> item, Parser<S> separator) =>
        i =>
        {
            var first = item(i);
            if (!first.WasSuccessful)
                return Fail<T, IReadOnlyList<T>>(first);
            var items = new List<T> { first.Value };
            var rest = first.Remainder;
            while (true)
            {
                var separated = separator(rest);
                if (!separated.WasSuccessful)
                    return separated.Remainder.Equals(rest) ? Success<IReadOnlyList<T>>(items, rest) : Fail<S, IReadOnlyList<T>>(separated);
                var next = item(separated.Remainder);
                if (!next.WasSuccessful)
                    return Fail<T, IReadOnlyList<T>>(next);
                items.Add(next.Value);
                rest = next.Remainder;
            }
        };

    /// <summary>One or more <paramref name="item"/>s; like Sprache's <c>XAtLeastOnce</c>, one that fails after consuming input fails the whole.</summary>
    public static Parser<IReadOnlyList<T>> AtLeastOnce<T>(Parser<T> item) =>
        i =>
        {
            var items = new List<T>();
            var rest = i;
            while (true)
            {
                var next = item(rest);
                if (!next.WasSuccessful)
                    return items.Count > 0 && next.Remainder.Equals(rest) ? Success<IReadOnlyList<T>>(items, rest) : Fail<T, IReadOnlyList<T>>(next);
                items.Add(next.Value);
                rest = next.Remainder;
            }
        };

    /// <summary>True when <paramref name="parser"/> matches (consuming it), false when it does not start here.</summary>
    public static Parser<bool> Flag<T>(Parser<T> parser) =>
        i =>
        {
            var result = parser(i);
            if (result.WasSuccessful)
                return Success(true, result.Remainder);
            return result.Remainder.Equals(i) ? Success(false, i) : Fail<T, bool>(result);
        };

    private static IResult<T> Success<T>(T value, IInput at) => SourceInput.ParsedAt(value, at);

    private static IResult<R> Fail<T, R>(IResult<T> failure) => Result.Failure<R>(failure.Remainder, failure.Message, failure.Expectations);
}
