namespace Symbol.Scheduling;

/// <summary>
/// What a job is told about the fire it runs for. A callable may take it as a parameter (or just a
/// <see cref="System.Threading.CancellationToken"/>); the scheduler supplies it.
/// </summary>
/// <param name="Job">The job being run.</param>
/// <param name="ScheduledAt">The instant this fire was due, never the moment it started.</param>
/// <param name="CancellationToken">Cancelled when the scheduler stops and its grace period is over.</param>
public readonly record struct ScheduledFire(ScheduledJob Job, DateTimeOffset ScheduledAt, CancellationToken CancellationToken);
