using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>One workflow as <c>GET /api/workflows</c> lists it (docs/api.md): what it is, when it fires next, whether it is paused, how it last ran.</summary>
/// <param name="Next">Its next fires, in its own zone.</param>
/// <param name="Jobs">How many jobs it has.</param>
internal sealed record WorkflowSummary(
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
    int Jobs,
    LastRun? LastRun)
{
    /// <summary>How many fires the list shows.</summary>
    public const int NextShown = 5;

    public static WorkflowSummary From(WorkflowPreview preview, DateTimeOffset? pausedSince, RunRecord? lastRun)
    {
        var workflow = preview.Workflow;
        return new(
            workflow.Name,
            workflow.Position.Path,
            workflow.TimeZone.Id,
            workflow.Schedules.Select(s => s.Text).ToArray(),
            workflow.Schedules.Select(s => ScheduleWords.Describe(s.Text)).ToArray(),
            preview.Next.Select(f => Iso.Format(f.At)).ToArray(),
            pausedSince is not null,
            pausedSince is { } since ? Iso.Format(since) : null,
            workflow.Concurrency,
            EnumText.Name(workflow.Overlap),
            workflow.Jobs.Count,
            lastRun is null ? null : LastRun.From(lastRun));
    }
}

/// <summary>A workflow's newest run, in brief.</summary>
internal sealed record LastRun(string RunId, string Status, string Trigger, string ScheduledAt, string? FinishedAt)
{
    public static LastRun From(RunRecord run) => new(
        run.RunId,
        EnumText.Name(run.Status),
        EnumText.Name(run.Trigger),
        Iso.Format(run.ScheduledAt),
        run.FinishedAt is { } finished ? Iso.Format(finished) : null);
}
