using System.CommandLine;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary><c>validate PATH…</c>: every diagnostic as <c>path:line:column: message</c>; exit 1 on any error, warnings do not fail.</summary>
internal static class ValidateVerb
{
    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths(".flow files, or folders (every *.flow below them).");
        var json = CommonOptions.Json();
        var config = RunOptions.ConfigOption();
        var command = new Command("validate", "Parse and check .flow files; exit 1 on any error (warnings do not fail).") { paths, json, config };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(paths), parsed.GetValue(json), RunOptions.CompileSettings(parsed.GetValue(config), context), context));
        return command;
    }

    private static int Run(string[] paths, bool json, OrchestratorOptions? settings, CliContext context)
    {
        if (settings is null)
            return ExitCodes.Failed;
        var compilation = FlowLoader.Compile(paths, context, settings);
        if (json)
            ReportJson.Write(context.Out, ValidateReport.From(compilation));
        else
            WriteText(context.Out, compilation);
        return compilation.HasErrors ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static void WriteText(TextWriter output, FlowCompilation compilation)
    {
        foreach (var diagnostic in compilation.Diagnostics)
            output.WriteLine(diagnostic);
        int errors = compilation.Diagnostics.Count(d => d.IsError);
        int warnings = compilation.Diagnostics.Count() - errors;
        int workflows = compilation.Files.Sum(f => f.Workflows.Count);
        var outcome = errors == 0 && warnings == 0 ? "ok" : $"{Plural(errors, "error")}, {Plural(warnings, "warning")}";
        output.WriteLine($"{Plural(compilation.Files.Count, "file")}, {Plural(workflows, "workflow")}: {outcome}");
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
