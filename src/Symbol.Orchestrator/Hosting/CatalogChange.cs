using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Hosting;

/// <summary>What one compile of the workflows folder changed, and the errors of files that kept their last good version.</summary>
internal sealed record CatalogChange(
    IReadOnlyList<WorkflowDefinition> Added,
    IReadOnlyList<WorkflowDefinition> Changed,
    IReadOnlyList<WorkflowDefinition> Removed,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> KeptFiles)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;
}
