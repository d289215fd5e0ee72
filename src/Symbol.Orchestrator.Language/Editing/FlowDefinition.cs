namespace Symbol.Orchestrator.Language.Editing;

/// <summary>A place to go to: a file and a range in it (line 1, column 1 for a whole script file).</summary>
public sealed record FlowLocation(string Path, FlowRange Range);

/// <summary>
/// Go to definition: a job name in an edge (or its declaration) goes to the job's declaration; a <c>run file</c> or
/// <c>use file</c> path goes to the file, when it exists. Pure but for the file check it is given; never throws.
/// </summary>
public static class FlowDefinition
{
    public static IReadOnlyList<FlowLocation> At(FlowOutline outline, FlowPosition position, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(fileExists);
        if (!outline.Map.IsInside(position) || outline.WorkflowAt(position) is not { } workflow)
            return [];
        if (workflow.Edges.SelectMany(e => e.Groups).SelectMany(g => g).FirstOrDefault(n => n.Range.Contains(position)) is { } edge)
            return edge.Job is { } job ? [new FlowLocation(outline.Path, job.NameRange)] : [];
        if (workflow.Jobs.FirstOrDefault(j => j.NameRange.Contains(position)) is { } declared)
            return [new FlowLocation(outline.Path, declared.NameRange)];
        if (workflow.Files.FirstOrDefault(f => f.Range.Contains(position)) is { } file && ScriptPath.Resolve(outline.Path, file.Path) is { } full && fileExists(full))
            return [new FlowLocation(full, new FlowRange(new FlowPosition(1, 1), new FlowPosition(1, 1)))];
        return [];
    }
}
