using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Diagnostics;

/// <summary>The diagnostics of one .flow file, collected rather than thrown.</summary>
internal sealed class DiagnosticBag(string path)
{
    private readonly List<Diagnostic> _items = [];

    public string Path { get; } = path;

    public bool HasErrors { get; private set; }

    public void Error(TextPos at, string message) => Error(at.In(Path), message);

    public void Error(SourcePosition at, string message)
    {
        _items.Add(new Diagnostic(Severity.Error, at, message));
        HasErrors = true;
    }

    public void AddRange(DiagnosticBag other)
    {
        _items.AddRange(other._items);
        HasErrors |= other.HasErrors;
    }

    public void Warning(TextPos at, string message) => _items.Add(new Diagnostic(Severity.Warning, at.In(Path), message));

    /// <summary>The file's own diagnostics by line and column, then those in files it refers to (a <c>run file</c> script).</summary>
    /// One error a place: at the end of a file cut short, "job not closed" and "workflow not closed" say the same thing.
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.OrderBy(d => d.Position.Path == Path ? 0 : 1)
            .ThenBy(d => d.Position.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Position.Line)
            .ThenBy(d => d.Position.Column)
            .DistinctBy(d => (d.Position, d.Severity))
            .ToList();
}
