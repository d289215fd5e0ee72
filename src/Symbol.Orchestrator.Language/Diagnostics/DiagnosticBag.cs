using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Diagnostics;

/// <summary>The diagnostics of one .flow file, collected rather than thrown.</summary>
internal sealed class DiagnosticBag(string path)
{
    // Allocated with the first diagnostic: there is a bag per workflow, and most have none.
    private List<Diagnostic>? _items;
    private HashSet<SourcePosition>? _errorPositions;

    public string Path { get; } = path;

    public bool HasErrors { get; private set; }

    public void Error(TextPos at, string message) => Error(at.In(Path), message);

    public void Error(SourcePosition at, string message)
    {
        (_items ??= []).Add(new Diagnostic(Severity.Error, at, message));
        (_errorPositions ??= []).Add(at);
        HasErrors = true;
    }

    /// <summary>
    /// A syntax error the parser recovered from, unless an error already stands at that place: at the
    /// end of a file cut short, "job not closed" and then "workflow not closed" would say the same thing.
    /// </summary>
    public void SyntaxError(TextPos at, string message)
    {
        if (_errorPositions is null || !_errorPositions.Contains(at.In(Path)))
            Error(at, message);
    }

    public void AddRange(DiagnosticBag other)
    {
        if (other._items is not null)
            (_items ??= []).AddRange(other._items);
        if (other._errorPositions is not null)
            (_errorPositions ??= []).UnionWith(other._errorPositions);
        HasErrors |= other.HasErrors;
    }

    public void Warning(TextPos at, string message) => (_items ??= []).Add(new Diagnostic(Severity.Warning, at.In(Path), message));

    /// <summary>The file's own diagnostics by line and column, then those in files it refers to (a <c>run file</c> script).</summary>
    public IReadOnlyList<Diagnostic> Sorted() => _items is null ? [] : Order(Path, _items);

    /// <summary>The order of <see cref="Sorted"/> for diagnostics of the file at <paramref name="path"/> (stable: ties keep their order).</summary>
    public static IReadOnlyList<Diagnostic> Order(string path, IEnumerable<Diagnostic> items) =>
        items.OrderBy(d => d.Position.Path == path ? 0 : 1)
            .ThenBy(d => d.Position.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Position.Line)
            .ThenBy(d => d.Position.Column)
            .ToList();
}
