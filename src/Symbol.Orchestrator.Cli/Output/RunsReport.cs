using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Output;

/// <summary><c>runs --json</c> (SPEC §6): run history, newest first.</summary>
internal sealed record RunsReport(IReadOnlyList<RunSummary> Runs)
{
    public static RunsReport From(IEnumerable<RunRecord> runs) => new(runs.Select(RunSummary.From).ToArray());
}

internal sealed record RunSummary(string RunId, string Workflow, string Status, string Trigger, string ScheduledAt, string? StartedAt, string? FinishedAt)
{
    public static RunSummary From(RunRecord run) => new(
        run.RunId,
        run.Workflow,
        RunText.Name(run.Status),
        RunText.Name(run.Trigger),
        Iso.Format(run.ScheduledAt),
        run.StartedAt is { } started ? Iso.Format(started) : null,
        run.FinishedAt is { } finished ? Iso.Format(finished) : null);
}
