using System.Collections.Concurrent;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Parses and binds one .flow file.</summary>
internal static class FileCompiler
{
    /// <summary>Caps what one file reports: a binary file fed in by mistake should not print a megabyte of errors.</summary>
    public const int MaxDiagnostics = 200;

    /// <summary>
    /// The file's workflows (bound even when the file has errors, so every error is found) and their names.
    /// Parsing streams workflows to binders running in parallel (binding, mostly the JavaScript check,
    /// costs more than parsing); each binds into a bag of its own, merged in source order, so the
    /// result does not depend on scheduling.
    /// </summary>
    public static (IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Names) Compile(FileContext context)
    {
        // Only errors are kept from the syntax: a workflow's tree can be collected as soon as it is bound.
        var bound = new ConcurrentBag<(int Index, ErrorSyntax? Error, WorkflowDefinition? Workflow, FileContext? Context)>();
        var items = FlowGrammar.ParseItems(context.Text).Select((item, index) => (item, index));
        Parallel.ForEach(Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering), entry =>
        {
            if (entry.item is WorkflowSyntax workflow)
            {
                var own = context.ForWorkflow();
                bound.Add((entry.index, null, WorkflowBinder.Bind(workflow, own), own));
            }
            else
                bound.Add((entry.index, entry.item as ErrorSyntax, null, null));
        });

        var workflows = new List<WorkflowDefinition>();
        var names = new List<string>();
        foreach (var (_, syntaxError, workflow, own) in bound.OrderBy(b => b.Index))
        {
            if (syntaxError is { } error)
                context.Diagnostics.SyntaxError(error.Pos, error.Message);
            if (workflow is null || own is null)
                continue;
            context.Diagnostics.AddRange(own.Diagnostics);
            workflows.Add(workflow);
            names.Add(workflow.Name);
        }
        return (workflows, names);
    }
}
