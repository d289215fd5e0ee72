using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Diagnostics;

namespace Symbol.Orchestrator.Cli;

/// <summary>Compiles the files a verb names and picks the workflows it asked for, reporting problems on stderr.</summary>
internal static class FlowLoader
{
    /// <summary>Compiles <paramref name="paths"/> as the host would with <paramref name="settings"/> (its default zone and script roots).</summary>
    public static FlowCompilation Compile(IEnumerable<string> paths, CliContext context, OrchestratorOptions settings) =>
        FlowCompiler.Compile(paths, settings.CompileOptionsAt(context.Time.GetUtcNow()));

    /// <summary>
    /// The workflows of <paramref name="paths"/>, or null after printing why not: a file with errors (its diagnostics).
    /// With <paramref name="only"/>, that one workflow as <see cref="LoadWorkflow"/> finds it: errors in other files
    /// are warnings. Warnings go to stderr and do not stop.
    /// </summary>
    public static IReadOnlyList<WorkflowDefinition>? LoadWorkflows(IReadOnlyList<string> paths, string? only, CliContext context, OrchestratorOptions settings)
    {
        if (only is not null)
            return LoadWorkflow(paths, only, context, settings) is { } one ? [one] : null;
        var compilation = Compile(paths, context, settings);
        foreach (var diagnostic in compilation.Diagnostics)
            context.Error.WriteLine(diagnostic);
        return compilation.HasErrors ? null : compilation.Workflows;
    }

    /// <summary>
    /// The workflow named <paramref name="name"/>, or null after printing why not: an unknown name, or errors in the
    /// file that declares it. Errors in other files do not stop it (someone fixing one file can still run another):
    /// they are printed as warnings.
    /// </summary>
    public static WorkflowDefinition? LoadWorkflow(IReadOnlyList<string> paths, string name, CliContext context, OrchestratorOptions settings)
    {
        var compilation = Compile(paths, context, settings);
        // Only clean files' workflows are in Workflows; a name declared twice is an error on the later file only.
        if (compilation.FindWorkflow(name) is not { } workflow)
        {
            foreach (var diagnostic in compilation.Diagnostics)
                context.Error.WriteLine(diagnostic);
            var broken = compilation.Files.FirstOrDefault(f => f.Workflows.Contains(name));
            context.Error.WriteLine(TerminalText.Escape(broken is not null
                ? $"error: workflow '{name}' is declared in {broken.Path}, which has errors"
                : UnknownWorkflow(paths, name, compilation)));
            return null;
        }
        var home = compilation.Files.First(f => f.Ok && f.Workflows.Contains(name));
        var others = compilation.Files.Where(f => f != home && !f.Ok).ToList();
        foreach (var file in compilation.Files)
            foreach (var diagnostic in file.Diagnostics)
                context.Error.WriteLine(file == home ? diagnostic : diagnostic with { Severity = Severity.Warning });
        if (others.Count > 0)
            context.Error.WriteLine(TerminalText.Escape($"warning: {OtherFiles(others.Count)} errors (not loaded); using '{name}' from {home.Path}"));
        return workflow;
    }

    // Every name declared, in files with errors too, so a typo gets its did-you-mean even while a file is broken.
    private static string UnknownWorkflow(IReadOnlyList<string> paths, string name, FlowCompilation compilation)
    {
        var declared = compilation.Files.SelectMany(f => f.Workflows).Distinct().ToList();
        var known = declared.Count == 0 ? "none" : string.Join(", ", declared);
        return $"error: no workflow named '{name}' in {string.Join(", ", paths)}{DidYouMean.Suffix(name, declared)} (found: {known})";
    }

    private static string OtherFiles(int count) => count == 1 ? "1 other file has" : $"{count} other files have";
}
