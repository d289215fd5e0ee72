namespace Symbol.Orchestrator.State;

/// <summary>
/// Where a page of runs ended (<see cref="IStateStore.ListRunsPageAsync"/>): its last run's scheduled instant and id,
/// the two things about a run that never change, so the next page starts exactly after it.
/// </summary>
public sealed record RunCursor(DateTimeOffset ScheduledAt, string RunId)
{
    public static RunCursor After(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.ScheduledAt, run.RunId);
    }
}
