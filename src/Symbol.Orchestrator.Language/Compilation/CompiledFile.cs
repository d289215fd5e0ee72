namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// One .flow file compiled on its own: its diagnostics (sorted, before the folder-wide duplicate-name check)
/// and every workflow it binds, even when it has errors (the folder-wide pass drops those).
/// </summary>
internal sealed record CompiledFile(string Path, IReadOnlyList<Diagnostic> Diagnostics, bool HasErrors,
    IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Names);
