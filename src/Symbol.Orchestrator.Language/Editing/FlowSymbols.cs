namespace Symbol.Orchestrator.Language.Editing;

public enum FlowSymbolKind { Workflow, Job, Handler }

/// <summary>A document symbol: a workflow with its jobs and handlers as children; <see cref="SelectionRange"/> is the name.</summary>
public sealed record FlowSymbol(string Name, FlowSymbolKind Kind, string? Detail, FlowRange Range, FlowRange SelectionRange, IReadOnlyList<FlowSymbol> Children);

/// <summary>The outline of a file as document symbols, for an editor's outline view and breadcrumbs.</summary>
public static class FlowSymbols
{
    public static IReadOnlyList<FlowSymbol> Of(FlowOutline outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        return outline.Workflows.Select(w => new FlowSymbol(w.Name, FlowSymbolKind.Workflow, Detail(w), w.Range, w.NameRange,
                w.Jobs.Select(j => new FlowSymbol(j.Name, j.IsHandler ? FlowSymbolKind.Handler : FlowSymbolKind.Job, null, j.Range, j.NameRange, [])).ToList()))
            .ToList();
    }

    private static string Detail(OutlineWorkflow workflow) =>
        workflow.Schedules.Count == 0 ? "triggered only"
        : string.Join(", ", workflow.Schedules.Select(s => s.Kind.Length == 0 ? s.Text : $"{s.Kind} {s.Text}"));
}
