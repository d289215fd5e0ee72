using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.State;

/// <summary>
/// The checks every <see cref="IStateStore"/> makes on the runs it is asked to create, in one place, so that every
/// store refuses the same calls with the same errors.
/// </summary>
public static class NewRunArguments
{
    /// <summary><see cref="IStateStore.TryCreateRunAsync"/>'s arguments.</summary>
    public static void Check(RunRecord run, IReadOnlyList<string> jobs, string owner)
    {
        CheckRun(run, jobs);
        ArgumentException.ThrowIfNullOrEmpty(owner);
    }

    /// <summary><see cref="IStateStore.EnqueueRunsAsync"/>'s runs: each one pending and not started.</summary>
    public static void CheckQueued(IReadOnlyList<NewRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var (run, jobs) in runs)
        {
            CheckRun(run, jobs);
            if (run.Status != RunStatus.Pending || run.StartedAt is not null || run.FinishedAt is not null)
                throw new ArgumentException($"A queued run is pending and not started: '{run.RunId}' is {EnumText.Name(run.Status)}.", nameof(runs));
        }
    }

    private static void CheckRun(RunRecord run, IReadOnlyList<string> jobs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(run.RunId);
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Distinct(StringComparer.Ordinal).Count() != jobs.Count)
            throw new ArgumentException("Job names must be distinct.", nameof(jobs));
    }
}
