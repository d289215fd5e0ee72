namespace Symbol.Scheduling;

/// <summary>Settings for a <see cref="Scheduler"/>.</summary>
public sealed class SchedulerOptions
{
    /// <summary>
    /// How late a fire may start and still count as on time; a later fire counts as missed (the
    /// program was down, or the machine slept) and follows <see cref="MissedRuns"/>. Default 1 minute.
    /// </summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>What happens to missed fires. Default <see cref="MissedRunPolicy.RunOnce"/>.</summary>
    public MissedRunPolicy MissedRuns { get; init; } = MissedRunPolicy.RunOnce;

    /// <summary>How long <see cref="Scheduler.StopAsync"/> waits for running jobs before cancelling them. Default 30 s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>What the scheduler does with fires that were due while it could not run them.</summary>
public enum MissedRunPolicy
{
    /// <summary>Run once now for all the missed fires of a job, then continue on schedule from now.</summary>
    RunOnce,

    /// <summary>Run none of them: a recurring job continues from now, a missed one-off is dropped.</summary>
    Skip,
}
