using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.Reports;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// One workflow as <c>GET /api/workflows/{name}</c> shows it (docs/api.md): its <see cref="WorkflowSummary"/>'s fields,
/// then what <c>preview --json</c> and <c>graph</c> say about it, and the problems of its file.
/// </summary>
/// <param name="Jobs">Its jobs in declaration order, each with the jobs it waits for.</param>
/// <param name="Edges">Its dependency edges, <c>[from, to]</c>.</param>
/// <param name="Mermaid">Its graph as the <c>graph</c> verb writes it.</param>
/// <param name="Diagnostics">The errors and warnings of its file now (a file with errors keeps its last good version running).</param>
internal sealed record WorkflowDetail(
    string Name,
    string Path,
    string Timezone,
    IReadOnlyList<string> Schedules,
    IReadOnlyList<string> SchedulesInWords,
    IReadOnlyList<string> Next,
    bool Paused,
    string? PausedSince,
    int Concurrency,
    string Overlap,
    LastRun? LastRun,
    IReadOnlyList<DstReport> Dst,
    IReadOnlyList<IReadOnlyList<string>> Plan,
    IReadOnlyList<HandlerReport> Handlers,
    IReadOnlyList<JobNeeds> Jobs,
    IReadOnlyList<IReadOnlyList<string>> Edges,
    string Mermaid,
    FileReport? Diagnostics)
{
    public static WorkflowDetail From(WorkflowSummary summary, WorkflowPreview preview, FileReport? diagnostics)
    {
        var report = WorkflowReport.From(preview);
        var workflow = preview.Workflow;
        return new(
            summary.Name,
            summary.Path,
            summary.Timezone,
            summary.Schedules,
            summary.SchedulesInWords,
            report.Next,
            summary.Paused,
            summary.PausedSince,
            summary.Concurrency,
            summary.Overlap,
            summary.LastRun,
            report.Dst,
            report.Plan,
            report.Handlers,
            workflow.Jobs.Select(j => new JobNeeds(j.Name, j.Upstream)).ToArray(),
            EdgesOf(workflow),
            WorkflowGraph.Render(workflow, GraphFormat.Mermaid),
            diagnostics);
    }

    public static IReadOnlyList<IReadOnlyList<string>> EdgesOf(WorkflowDefinition workflow) =>
        workflow.Jobs.SelectMany(j => j.Upstream.Select(from => (IReadOnlyList<string>)[from, j.Name])).ToArray();
}

/// <summary>A job and the jobs it waits for.</summary>
internal sealed record JobNeeds(string Name, IReadOnlyList<string> Needs);
