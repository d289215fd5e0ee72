namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// A workflow's job names in declaration order, each once. Most workflows have a handful of jobs, for
/// which comparing names one by one beats hashing them (and allocates no table); a large one gets an index.
/// </summary>
internal sealed class JobNames
{
    private const int LinearUpTo = 16;
    private readonly List<string> _names;
    private Dictionary<string, int>? _index;

    public JobNames(int capacity) => _names = new List<string>(capacity);

    public int Count => _names.Count;

    public IReadOnlyList<string> Names => _names;

    /// <summary>The position of <paramref name="name"/> in declaration order, or -1.</summary>
    public int IndexOf(string name)
    {
        if (_index is not null)
            return _index.TryGetValue(name, out int at) ? at : -1;
        for (int k = 0; k < _names.Count; k++)
            if (string.Equals(_names[k], name, StringComparison.Ordinal))
                return k;
        return -1;
    }

    /// <summary>The declared job's own name string (so names read elsewhere need not outlive the parse), or null.</summary>
    public string? Find(string name) => IndexOf(name) is >= 0 and var at ? _names[at] : null;

    /// <summary>Adds <paramref name="name"/> unless it is already there.</summary>
    public bool Add(string name)
    {
        if (IndexOf(name) >= 0)
            return false;
        _names.Add(name);
        if (_index is not null)
            _index.Add(name, _names.Count - 1);
        else if (_names.Count > LinearUpTo)
            _index = _names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => p.k, StringComparer.Ordinal);
        return true;
    }
}
