namespace Symbol.Orchestrator.Language.Planning;

/// <summary>How <see cref="WorkflowGraph"/> writes a dependency graph.</summary>
public enum GraphFormat
{
    /// <summary>A Mermaid <c>flowchart LR</c>, to paste into a <c>```mermaid</c> block of a Markdown file.</summary>
    Mermaid,

    /// <summary>A Graphviz <c>digraph</c>, for <c>dot -Tsvg</c>.</summary>
    Dot,
}
