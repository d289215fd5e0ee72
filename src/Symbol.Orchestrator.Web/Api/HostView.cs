using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// What the read endpoints see of the running host: its live catalog (what is loaded now, after hot reloads), its last
/// compilation of the folder, its store and its clock. Every endpoint reads through here, so they agree.
/// </summary>
internal sealed class HostView(CatalogApplier catalog, HostSession session, TimeProvider time, IOptions<OrchestratorOptions> options)
{
    public IStateStore Store => session.Store;

    public DateTimeOffset Now => time.GetUtcNow();

    public IEnumerable<WorkflowDefinition> Workflows => catalog.Workflows.OrderBy(w => w.Name, StringComparer.Ordinal);

    public FlowCompilation? Compilation => catalog.LastCompilation;

    public WorkflowDefinition? Find(string name) => catalog.Workflows.FirstOrDefault(w => w.Name == name);

    /// <summary><c>no workflow named etl-dayly; did you mean etl-daily?</c></summary>
    public string Unknown(string name) =>
        $"no workflow named {name}{(DidYouMean.Closest(name, catalog.Workflows.Select(w => w.Name)) is { } near ? $"; did you mean {near}?" : "")}";

    public WorkflowPreview Preview(WorkflowDefinition workflow, int count) =>
        WorkflowPreview.Create(workflow, new PreviewOptions(Now, Count: count, CatchupLimit: options.Value.CatchupLimit));

    /// <summary>The errors and warnings of <paramref name="path"/> as the folder last compiled, each with its one-line text.</summary>
    public FileReport? FileDiagnostics(string path) =>
        Compilation?.Files.FirstOrDefault(f => f.Path == path) is { } file ? FileReport.WithText(file) : null;

    /// <summary>
    /// <paramref name="workflows"/> as the list shows them, with their pause flags and last runs read in two queries whatever
    /// their number (a query per workflow made a list of 1,000 take three times as long).
    /// </summary>
    public async Task<IReadOnlyList<WorkflowSummary>> SummariesAsync(IReadOnlyCollection<WorkflowDefinition> workflows, CancellationToken ct)
    {
        var paused = await Store.ListPausedAsync(ct).ConfigureAwait(false);
        var last = await Store.GetLastRunsAsync(workflows.Select(w => w.Name).ToList(), ct).ConfigureAwait(false);
        return workflows.Select(w => WorkflowSummary.From(Preview(w, WorkflowSummary.NextShown),
            paused.TryGetValue(w.Name, out var since) ? since : null, last.GetValueOrDefault(w.Name))).ToList();
    }
}
