using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Parses and binds one .flow file.</summary>
internal static class FileCompiler
{
    /// <summary>Caps what one file reports: a binary file fed in by mistake should not print a megabyte of errors.</summary>
    public const int MaxDiagnostics = 200;

    public static (IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Names) Compile(FileContext context)
    {
        var syntax = FlowGrammar.ParseFile(context.Text);
        var workflows = new List<WorkflowDefinition>();
        var names = new List<string>();
        foreach (var item in syntax.Items)
        {
            if (item is ErrorSyntax error)
                context.Diagnostics.Error(error.Pos, error.Message);
            else if (item is WorkflowSyntax workflow)
            {
                names.Add(workflow.Name.Text);
                workflows.Add(WorkflowBinder.Bind(workflow, context));
            }
        }
        return (workflows, names);
    }
}
