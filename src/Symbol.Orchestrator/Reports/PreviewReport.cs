using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Reports;

/// <summary><c>preview --json</c> (docs/cli.md).</summary>
internal sealed record PreviewReport(IReadOnlyList<WorkflowReport> Workflows);

/// <param name="Dst">The fires of <see cref="Next"/> that a DST change moved or merged.</param>
/// <param name="Handlers">What runs after the jobs, in the order it runs: <c>{ "name": "on failure", "when": "failure" }</c>.</param>
internal sealed record WorkflowReport(
    string Name,
    string Path,
    string Timezone,
    IReadOnlyList<string> Schedules,
    IReadOnlyList<string> Next,
    IReadOnlyList<DstReport> Dst,
    IReadOnlyList<string> Catchup,
    IReadOnlyList<IReadOnlyList<string>> Plan,
    IReadOnlyList<HandlerReport> Handlers)
{
    /// <summary>Paused in the store the configuration names (<c>orchestrator pause</c>); false without a store.</summary>
    public bool Paused { get; init; }

    public static WorkflowReport From(WorkflowPreview preview) => new(
        preview.Workflow.Name,
        preview.Workflow.Position.Path,
        preview.Workflow.TimeZone.Id,
        preview.Workflow.Schedules.Select(s => s.Text).ToArray(),
        preview.Next.Select(f => Iso.Format(f.At)).ToArray(),
        DstReport.Of(preview.Next),
        preview.Catchup.Select(Iso.Format).ToArray(),
        preview.Plan,
        preview.Workflow.Handlers.Select(h => new HandlerReport(h.Name, EnumText.Name(h.When))).ToArray());
}

internal sealed record HandlerReport(string Name, string When);

internal sealed record DstReport(string At, string Note)
{
    /// <summary>The fires of <paramref name="fires"/> that a DST change moved or merged.</summary>
    public static IReadOnlyList<DstReport> Of(IEnumerable<PreviewFire> fires) =>
        fires.Where(f => f.DstNote is not null).Select(f => new DstReport(Iso.Format(f.At), f.DstNote!)).ToArray();
}
