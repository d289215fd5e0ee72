using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Parses and binds one .flow file.</summary>
internal static class FileCompiler
{
    /// <summary>Caps what one file reports: a binary file fed in by mistake should not print a megabyte of errors.</summary>
    public const int MaxDiagnostics = 200;

    /// <summary>
    /// The file's workflows (bound even when the file has errors, so every error is found) and their names.
    /// Workflows bind in parallel, each into a bag of its own merged in order, so the result does not depend on scheduling.
    /// </summary>
    public static (IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Names) Compile(FileContext context)
    {
        var syntax = FlowGrammar.ParseFile(context.Text);
        foreach (var error in syntax.Items.OfType<ErrorSyntax>())
            context.Diagnostics.SyntaxError(error.Pos, error.Message);
        var declared = syntax.Workflows.ToList();
        var workflows = new WorkflowDefinition[declared.Count];
        var contexts = new FileContext[declared.Count];
        if (declared.Count < 4)
        {
            for (int k = 0; k < declared.Count; k++)
                workflows[k] = WorkflowBinder.Bind(declared[k], context);
        }
        else
        {
            Parallel.For(0, declared.Count, k =>
            {
                contexts[k] = context.ForWorkflow();
                workflows[k] = WorkflowBinder.Bind(declared[k], contexts[k]);
            });
            foreach (var child in contexts)
                context.Diagnostics.AddRange(child.Diagnostics);
        }
        return (workflows, declared.Select(w => w.Name.Text).ToList());
    }
}
