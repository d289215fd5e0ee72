namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// A dry run of one workflow: what it would fire, how its jobs would run, and what a restart after
/// downtime would catch up. A pure function of the compiled model; nothing runs and nothing is written.
/// </summary>
/// <param name="Catchup">The catch-up runs, in the workflow's zone; empty unless <see cref="PreviewOptions.DownSince"/> was set.</param>
/// <param name="Plan">The job plan as parallel layers of job names.</param>
public sealed record WorkflowPreview(
    WorkflowDefinition Workflow,
    IReadOnlyList<PreviewFire> Next,
    IReadOnlyList<DateTimeOffset> Catchup,
    IReadOnlyList<IReadOnlyList<string>> Plan)
{
    public static WorkflowPreview Create(WorkflowDefinition workflow, PreviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(options);
        var catchup = options.DownSince is { } downSince
            ? CatchupPlanner.Plan(workflow, downSince, options.From, options.CatchupLimit)
                .Select(at => TimeZoneInfo.ConvertTime(at, workflow.TimeZone))
                .ToArray()
            : [];
        return new WorkflowPreview(
            workflow,
            SchedulePreview.Fires(workflow, options.From, options.Until, options.Count),
            catchup,
            JobPlan.LayerNames(workflow));
    }
}
