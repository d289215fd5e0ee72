using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Parses and binds one .flow file.</summary>
internal static class FileCompiler
{
    /// <summary>Caps what one file reports: a binary file fed in by mistake should not print a megabyte of errors.</summary>
    public const int MaxDiagnostics = 200;

    /// <summary>
    /// The file's workflows (bound even when the file has errors, so every error is found) and their names.
    /// Runs on one thread: files compile in parallel, one level of parallelism for the whole folder.
    /// </summary>
    public static (IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Names) Compile(FileContext context)
    {
        var workflows = new List<WorkflowDefinition>();
        var names = new List<string>();
        // Counted in file order: the workflow that crosses the file's edge limit is the one that does.
        long edges = 0;
        foreach (var item in FlowGrammar.ParseFile(context.Text).Items)
        {
            if (item is ErrorSyntax error)
                context.Diagnostics.SyntaxError(error.Pos, error.Message);
            if (item is not WorkflowSyntax workflow)
                continue;
            var own = context.ForWorkflow(edges);
            edges += EdgeCount(workflow);
            var definition = WorkflowBinder.Bind(workflow, own);
            context.Diagnostics.AddRange(own.Diagnostics);
            workflows.Add(definition);
            names.Add(definition.Name);
        }
        return (workflows, names);
    }

    private static long EdgeCount(WorkflowSyntax workflow)
    {
        long edges = 0;
        for (int m = 0; m < workflow.Members.Count; m++)
            if (workflow.Members[m] is EdgesSyntax statement)
                edges += EdgeBinder.Pairs(statement);
        return edges;
    }
}
