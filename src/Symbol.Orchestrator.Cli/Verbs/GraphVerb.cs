using System.CommandLine;
using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary><c>graph PATH [--workflow NAME] [--format mermaid|dot]</c>: the dependency graph, to paste into Markdown or Graphviz.</summary>
internal static class GraphVerb
{
    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths(".flow files, or folders (every *.flow below them).");
        var workflow = CommonOptions.Workflow();
        var format = new Option<string>("--format")
        {
            Description = "mermaid (a flowchart for a ```mermaid block) or dot (Graphviz).",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var config = RunOptions.ConfigOption();
        var command = new Command("graph", "Print the dependency graph of the workflows' jobs.") { paths, workflow, format, config };
        command.SetAction(parsed =>
        {
            if (RunOptions.CompileSettings(parsed.GetValue(config), context) is not { } settings
                || FlowLoader.LoadWorkflows(parsed.GetRequiredValue(paths), parsed.GetValue(workflow), context, settings) is not { } workflows)
                return ExitCodes.Failed;
            var graphFormat = parsed.GetValue(format) == "dot" ? GraphFormat.Dot : GraphFormat.Mermaid;
            context.Out.Write(WorkflowGraph.Render(workflows, graphFormat));
            return ExitCodes.Ok;
        });
        return command;
    }
}
