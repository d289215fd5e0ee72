using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// Sequencing, choice and repetition for the grammar, cheaper than Sprache's: a LINQ comprehension
/// builds closures and intermediate parsers on every step of every parse, and Sprache's combinators
/// pass a result and an input object from each token to the next. These run their parts on a
/// <see cref="Cursor"/> and allocate only the values (and a Sprache result where a Sprache parser asks
/// for one). Failure semantics match Sprache's: the first failing part's failure is returned.
/// </summary>
internal static class Rules
{
    public static Parser<R> Sequence<A, B, R>(Parser<A> a, Parser<B> b, Func<A, B, R> select) =>
        new Sequence2<A, B, R>(CursorRule<A>.Of(a), CursorRule<B>.Of(b), select).Parser;

    public static Parser<R> Sequence<A, B, C, R>(Parser<A> a, Parser<B> b, Parser<C> c, Func<A, B, C, R> select) =>
        Sequence(Sequence(a, b, (va, vb) => (va, vb)), c, (ab, vc) => select(ab.va, ab.vb, vc));

    public static Parser<R> Sequence<A, B, C, D, R>(Parser<A> a, Parser<B> b, Parser<C> c, Parser<D> d, Func<A, B, C, D, R> select) =>
        Sequence(Sequence(a, b, (va, vb) => (va, vb)), Sequence(c, d, (vc, vd) => (vc, vd)), (ab, cd) => select(ab.va, ab.vb, cd.vc, cd.vd));

    public static Parser<R> Sequence<A, B, C, D, E, R>(Parser<A> a, Parser<B> b, Parser<C> c, Parser<D> d, Parser<E> e, Func<A, B, C, D, E, R> select) =>
        Sequence(Sequence(a, b, (va, vb) => (va, vb)), Sequence(c, d, e, (vc, vd, ve) => (vc, vd, ve)),
            (ab, cde) => select(ab.va, ab.vb, cde.vc, cde.vd, cde.ve));

    /// <summary>
    /// Picks the statement by its first word with one dictionary lookup; a word that is no key, or that is
    /// followed by an arrow (a job named like a keyword, in edges), goes to <paramref name="otherwise"/>.
    /// An <c>XOr</c> chain of a dozen keywords would allocate a failure for every keyword tried first.
    /// </summary>
    public static Parser<T> ByKeyword<T>(IReadOnlyDictionary<string, Parser<T>> statements, Parser<T> otherwise)
    {
        var lookup = statements.ToDictionary(p => p.Key, p => CursorRule<T>.Of(p.Value), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var fallback = CursorRule<T>.Of(otherwise);
        return Rule((ref Cursor at, out T value, out Failure failure) =>
        {
            int end = Scanner.NameEnd(at.Source, at.Position);
            var rule = end > at.Position
                && lookup.TryGetValue(at.Source.AsSpan(at.Position, end - at.Position), out var statement)
                && !Scanner.StartsEdges(at.Source, at.Position)
                ? statement
                : fallback;
            return rule.Run(ref at, out value, out failure);
        });
    }

    /// <summary><paramref name="edges"/> where a name followed by <c>-></c>, <c>→</c> or <c>,</c> starts here, else <paramref name="statement"/>.</summary>
    public static Parser<T> EdgesOr<T>(Parser<T> edges, Parser<T> statement)
    {
        var (edgesRule, statementRule) = (CursorRule<T>.Of(edges), CursorRule<T>.Of(statement));
        return Rule((ref Cursor at, out T value, out Failure failure) =>
            (Scanner.StartsEdges(at.Source, at.Position) ? edgesRule : statementRule).Run(ref at, out value, out failure));
    }

    /// <summary>Zero or one <paramref name="parser"/>; like Sprache's <c>XOptional</c>, a failure after consuming input stays a failure.</summary>
    public static Parser<T?> Optional<T>(Parser<T> parser) where T : class
    {
        var rule = CursorRule<T>.Of(parser);
        return Rule((ref Cursor at, out T? value, out Failure failure) =>
        {
            if (rule.Run(ref at, out var found, out failure))
            {
                value = found;
                return true;
            }
            value = null;
            return !failure.Consumed(at);
        });
    }

    /// <summary>One or more <paramref name="item"/>s separated by <paramref name="separator"/>; a separator not followed by an item fails.</summary>
    public static Parser<IReadOnlyList<T>> DelimitedBy<T, S>(Parser<T> item, Parser<S> separator)
    {
        var (itemRule, separatorRule) = (CursorRule<T>.Of(item), CursorRule<S>.Of(separator));
        return Rule((ref Cursor at, out IReadOnlyList<T> value, out Failure failure) =>
        {
            value = [];
            var rest = at;
            if (!itemRule.Run(ref rest, out var first, out failure))
                return false;
            var items = new List<T> { first };
            while (true)
            {
                var next = rest;
                if (!separatorRule.Run(ref next, out _, out failure))
                {
                    if (failure.Consumed(rest))
                        return false;
                    break;
                }
                if (!itemRule.Run(ref next, out var another, out failure))
                    return false;
                items.Add(another);
                rest = next;
            }
            (at, value) = (rest, items);
            return true;
        });
    }

    /// <summary>One or more <paramref name="item"/>s; like Sprache's <c>XAtLeastOnce</c>, one that fails after consuming input fails the whole.</summary>
    public static Parser<IReadOnlyList<T>> AtLeastOnce<T>(Parser<T> item)
    {
        var itemRule = CursorRule<T>.Of(item);
        return Rule((ref Cursor at, out IReadOnlyList<T> value, out Failure failure) =>
        {
            var items = new List<T>();
            var rest = at;
            while (itemRule.Run(ref rest, out var next, out failure))
                items.Add(next);
            value = items;
            if (items.Count == 0 || failure.Consumed(rest))
                return false;
            at = rest;
            return true;
        });
    }

    /// <summary>True when <paramref name="parser"/> matches (consuming it), false when it does not start here.</summary>
    public static Parser<bool> Flag<T>(Parser<T> parser)
    {
        var rule = CursorRule<T>.Of(parser);
        return Rule((ref Cursor at, out bool value, out Failure failure) =>
        {
            value = rule.Run(ref at, out _, out failure);
            return value || !failure.Consumed(at);
        });
    }

    /// <summary>Zero or more <paramref name="item"/>s, like Sprache's <c>Many</c>: stops at the first failure (or empty match), whatever it consumed.</summary>
    public static Parser<IEnumerable<T>> Many<T>(Parser<T> item)
    {
        var itemRule = CursorRule<T>.Of(item);
        return Rule((ref Cursor at, out IEnumerable<T> value, out Failure failure) =>
        {
            var items = new List<T>();
            var next = at;
            while (itemRule.Run(ref next, out var found, out _) && next.Position != at.Position)
            {
                items.Add(found);
                at = next;
            }
            (value, failure) = (items, default);
            return true;
        });
    }

    internal delegate bool RunRule<T>(ref Cursor at, out T value, out Failure failure);

    /// <summary>A rule from a function of the cursor (which it moves only on success).</summary>
    public static Parser<T> Rule<T>(RunRule<T> run) => new LambdaRule<T>(run).Parser;

    private sealed class LambdaRule<T>(RunRule<T> run) : CursorRule<T>
    {
        public override bool Run(ref Cursor at, out T value, out Failure failure) => run(ref at, out value, out failure);
    }

    private sealed class Sequence2<A, B, R>(CursorRule<A> a, CursorRule<B> b, Func<A, B, R> select) : CursorRule<R>
    {
        public override bool Run(ref Cursor at, out R value, out Failure failure)
        {
            var next = at;
            if (!a.Run(ref next, out var va, out failure) || !b.Run(ref next, out var vb, out failure))
            {
                value = default!;
                return false;
            }
            (at, value) = (next, select(va, vb));
            return true;
        }
    }
}
