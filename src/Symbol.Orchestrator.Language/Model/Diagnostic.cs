namespace Symbol.Orchestrator.Language;

public enum Severity { Error, Warning }

/// <summary>A 1-based place in a source file.</summary>
public readonly record struct SourcePosition(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>One problem found in a .flow (or .js) file, printed as <c>path:line:column: message</c>.</summary>
public sealed record Diagnostic(Severity Severity, SourcePosition Position, string Message)
{
    public bool IsError => Severity == Severity.Error;

    public override string ToString() =>
        Severity == Severity.Error ? $"{Position}: {Message}" : $"{Position}: warning: {Message}";
}
