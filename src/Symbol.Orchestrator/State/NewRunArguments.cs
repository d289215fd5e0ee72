namespace Symbol.Orchestrator.State;

/// <summary>
/// The checks every <see cref="IStateStore"/> makes on <see cref="IStateStore.TryCreateRunAsync"/>'s arguments, in one
/// place, so that every store refuses the same calls with the same errors.
/// </summary>
public static class NewRunArguments
{
    public static void Check(RunRecord run, IReadOnlyList<string> jobs, string owner)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(run.RunId);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (jobs.Distinct(StringComparer.Ordinal).Count() != jobs.Count)
            throw new ArgumentException("Job names must be distinct.", nameof(jobs));
    }
}
