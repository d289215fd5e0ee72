namespace Symbol.Orchestrator.Lsp.Protocol;

/// <summary>One problem as the editor underlines it; <paramref name="Source"/> is <c>orchestrator</c>.</summary>
internal sealed record Diagnostic(Range Range, int Severity, string Source, string Message);

internal static class DiagnosticSeverity
{
    public const int Error = 1;
    public const int Warning = 2;
}

/// <summary>
/// Every diagnostic of one document, replacing those sent before (an empty list clears them); <paramref name="Version"/>
/// is the open document's version they were computed for, null for a file the editor has not opened.
/// </summary>
internal sealed record PublishDiagnosticsParams(string Uri, IReadOnlyList<Diagnostic> Diagnostics, int? Version = null);
