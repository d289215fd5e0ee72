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

    /// <summary>
    /// The line validate, preview and the host's log print. Messages quote the file's text (an unknown time zone
    /// <c>"a\u001b[2Jb"</c> written with a real ESC, a cron string, a file name), so control characters are escaped
    /// here, once for every printer; <see cref="Message"/> keeps the text as it was for <c>--json</c>.
    /// </summary>
    public override string ToString() =>
        TerminalText.Escape(Severity == Severity.Error ? $"{Position}: {Message}" : $"{Position}: warning: {Message}");
}
