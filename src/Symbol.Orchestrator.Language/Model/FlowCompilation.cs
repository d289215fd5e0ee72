namespace Symbol.Orchestrator.Language;

/// <summary>One source file's outcome: the workflows it declares and everything found wrong in it.</summary>
public sealed record FlowFile(string Path, IReadOnlyList<string> Workflows, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Ok => !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The result of compiling files or folders. <see cref="Workflows"/> holds the workflows of the
/// files that compiled clean; a file with an error contributes none (the host keeps its last good version).
/// </summary>
public sealed record FlowCompilation(IReadOnlyList<FlowFile> Files, IReadOnlyList<WorkflowDefinition> Workflows)
{
    public bool HasErrors => Files.Any(f => !f.Ok);

    public IEnumerable<Diagnostic> Diagnostics => Files.SelectMany(f => f.Diagnostics);

    public WorkflowDefinition? FindWorkflow(string name) => Workflows.FirstOrDefault(w => w.Name == name);
}

/// <summary>What compilation needs from outside the text: the default zone and the present (for "at is in the past" warnings).</summary>
public sealed record CompileOptions(TimeZoneInfo DefaultTimeZone, DateTimeOffset Now)
{
    /// <summary>
    /// Full paths of the folders besides the workflows folder that <c>run file</c> and <c>use file</c> may read
    /// (the <c>Script:Roots</c> setting); a script anywhere else is an error. Empty by default.
    /// </summary>
    public IReadOnlyList<string> ScriptRoots { get; init; } = [];

    public static CompileOptions Default(DateTimeOffset now) => new(TimeZoneInfo.Utc, now);
}
