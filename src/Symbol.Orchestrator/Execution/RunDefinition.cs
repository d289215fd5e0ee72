using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// The definition a run records (<see cref="RunRecord.DefinitionJson"/>): a JSON object mapping the .flow
/// file's path, and each <c>run file</c> / <c>use file</c> script it uses, to its text. A run is finished
/// and resumed with it, whatever has changed on disk since.
/// </summary>
public static class RunDefinition
{
    // A definition is immutable and a host starts many runs of one: write its JSON once per instance.
    private static readonly ConditionalWeakTable<WorkflowDefinition, string> Captured = new();

    /// <summary>The JSON object of the workflow's files; its key for the .flow file is <c>workflow.Position.Path</c>.</summary>
    public static string Capture(WorkflowDefinition workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return Captured.GetValue(workflow, Write);
    }

    private static string Write(WorkflowDefinition workflow)
    {
        var flowPath = workflow.Position.Path;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(flowPath, workflow.SourceText);
            var written = new HashSet<string>(StringComparer.Ordinal) { flowPath };
            foreach (var script in workflow.Uses.Concat(workflow.Jobs.Concat(workflow.Handlers.Select(h => h.Job)).Select(j => j.Script)))
                if (written.Add(script.Path))
                    writer.WriteString(script.Path, script.Code);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // A backfill's thousands of runs record one definition: compile it once. A recorded text compiles to the same workflow
    // every time (the zone and the present only matter to schedules, which a run no longer needs), so the cache is never
    // stale; it is small, and emptied when full.
    private const int LoadedKept = 64;
    private static readonly ConcurrentDictionary<(string Path, string Workflow, string Json), WorkflowDefinition> Loaded = new();

    /// <summary>Compiles the recorded definition of <paramref name="run"/> again, reading scripts only from the record.</summary>
    /// <exception cref="InvalidOperationException">The record is not a definition, or it no longer compiles to the run's workflow.</exception>
    public static WorkflowDefinition Load(RunRecord run, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        var key = (run.DefinitionPath, run.Workflow, run.DefinitionJson);
        if (Loaded.TryGetValue(key, out var loaded))
            return loaded;
        var workflow = Compile(run, options);
        if (Loaded.Count >= LoadedKept)
            Loaded.Clear();
        Loaded[key] = workflow;
        return workflow;
    }

    private static WorkflowDefinition Compile(RunRecord run, CompileOptions options)
    {
        var files = Read(run);
        if (!files.TryGetValue(run.DefinitionPath, out var flowText))
            throw new InvalidOperationException($"Run '{run.RunId}' records no text for its definition {run.DefinitionPath}.");
        // The compiler asks for scripts by full path (resolved against the .flow file's folder); the record keeps them as shown.
        var byFullPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
            byFullPath.TryAdd(Path.GetFullPath(path), text);
        var compilation = FlowCompiler.CompileSources([(run.DefinitionPath, flowText)], options, full => byFullPath.GetValueOrDefault(full));
        if (compilation.FindWorkflow(run.Workflow) is { } workflow)
            return workflow;
        var problems = string.Join("; ", compilation.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
        throw new InvalidOperationException(
            $"The recorded definition of run '{run.RunId}' does not compile to workflow '{run.Workflow}'{(problems.Length > 0 ? ": " + problems : "")}");
    }

    private static Dictionary<string, string> Read(RunRecord run)
    {
        try
        {
            using var document = JsonDocument.Parse(run.DefinitionJson);
            return document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Run '{run.RunId}' records a definition that is not a JSON object of files: {e.Message}", e);
        }
    }
}
