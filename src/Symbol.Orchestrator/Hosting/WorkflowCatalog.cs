using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The workflows in force, file by file. A file that compiles replaces its workflows; a file with an error
/// keeps the last good version of its workflows (as dagu's entry reader does), so an editor's half-saved file
/// never unschedules anything; a file that is gone takes its workflows with it.
/// </summary>
internal sealed class WorkflowCatalog
{
    private Dictionary<string, IReadOnlyList<WorkflowDefinition>> _byFile = new(StringComparer.Ordinal);
    private Dictionary<string, (WorkflowDefinition Workflow, string Fingerprint)> _current = new(StringComparer.Ordinal);

    public IReadOnlyCollection<WorkflowDefinition> Workflows => _current.Values.Select(v => v.Workflow).ToArray();

    /// <summary>Takes in a compilation of the whole folder and says what changed since the previous one.</summary>
    public CatalogChange Apply(FlowCompilation compilation)
    {
        var good = compilation.Workflows.ToLookup(w => w.Position.Path, StringComparer.Ordinal);
        var byFile = new Dictionary<string, IReadOnlyList<WorkflowDefinition>>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var file in compilation.Files)
        {
            if (file.Ok)
                byFile[file.Path] = good[file.Path].ToArray();
            else if (_byFile.TryGetValue(file.Path, out var previous))
            {
                byFile[file.Path] = previous;
                if (previous.Count > 0)
                    kept.Add(file.Path);
            }
        }

        // Files in path order, first name wins: a duplicate name in a later file is that file's error.
        // A definition the compile cache handed back unchanged keeps its fingerprint: a reload in a folder of
        // a thousand files fingerprints the files that changed, not all of them.
        var current = new Dictionary<string, (WorkflowDefinition, string)>(StringComparer.Ordinal);
        foreach (var (_, workflows) in byFile.OrderBy(f => f.Key, StringComparer.Ordinal))
            foreach (var workflow in workflows)
                current.TryAdd(workflow.Name, _current.TryGetValue(workflow.Name, out var before) && ReferenceEquals(before.Workflow, workflow)
                    ? before
                    : (workflow, Fingerprint(workflow)));

        var added = new List<WorkflowDefinition>();
        var changed = new List<WorkflowDefinition>();
        foreach (var (name, (workflow, fingerprint)) in current.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!_current.TryGetValue(name, out var before))
                added.Add(workflow);
            else if (before.Fingerprint != fingerprint)
                changed.Add(workflow);
            else
                current[name] = before; // unchanged: keep the object whose ScheduledJob is in force
        }
        var removed = _current.Where(c => !current.ContainsKey(c.Key)).Select(c => c.Value.Workflow).OrderBy(w => w.Name, StringComparer.Ordinal).ToArray();

        _byFile = byFile;
        _current = current;
        return new CatalogChange(added, changed, removed, compilation.Diagnostics.ToArray(), kept);
    }

    // Everything a run would record, plus the zone that turns the schedule text into instants.
    private static string Fingerprint(WorkflowDefinition workflow) =>
        $"{workflow.Name}\n{workflow.TimeZone.Id}\n{RunDefinition.Capture(workflow)}";
}
