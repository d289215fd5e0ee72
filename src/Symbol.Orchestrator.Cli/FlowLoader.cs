using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Cli;

/// <summary>Compiles the files a verb names and picks the workflows it asked for, reporting problems on stderr.</summary>
internal static class FlowLoader
{
    public static FlowCompilation Compile(IEnumerable<string> paths, CliContext context) =>
        FlowCompiler.Compile(paths, new CompileOptions(TimeZoneInfo.Utc, context.Time.GetUtcNow()));

    /// <summary>
    /// The workflows of <paramref name="paths"/> (or the one named <paramref name="only"/>), or null after printing
    /// why not: a file with errors (its diagnostics) or an unknown name. Warnings go to stderr and do not stop.
    /// </summary>
    public static IReadOnlyList<WorkflowDefinition>? LoadWorkflows(IReadOnlyList<string> paths, string? only, CliContext context)
    {
        var compilation = Compile(paths, context);
        foreach (var diagnostic in compilation.Diagnostics)
            context.Error.WriteLine(diagnostic);
        if (compilation.HasErrors)
            return null;
        if (only is null)
            return compilation.Workflows;
        if (compilation.FindWorkflow(only) is { } workflow)
            return [workflow];
        var known = compilation.Workflows.Count == 0 ? "none" : string.Join(", ", compilation.Workflows.Select(w => w.Name));
        context.Error.WriteLine($"error: no workflow named '{only}' in {string.Join(", ", paths)} (found: {known})");
        return null;
    }
}
