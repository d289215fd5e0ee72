namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// One string per distinct name: the same job names (<c>extract</c>, <c>load</c>) recur in workflow after
/// workflow, and every compiled job keeps its name, so sharing them makes the compiled result smaller,
/// which is what each collection during a compile has to copy. A file is parsed on one thread, hence
/// one pool per thread; it is bounded, and simply starts over when full.
/// </summary>
internal sealed class NamePool
{
    private const int MaxNames = 4096;
    private const int MaxLength = 64;

    [ThreadStatic] private static NamePool? t_pool;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>The pooled string equal to <paramref name="name"/>.</summary>
    public static string Get(string name)
    {
        if (name.Length > MaxLength)
            return name;
        var pool = t_pool ??= new NamePool();
        if (pool._names.TryGetValue(name, out var pooled))
            return pooled;
        if (pool._names.Count >= MaxNames)
            pool._names.Clear();
        pool._names.Add(name);
        return name;
    }
}
