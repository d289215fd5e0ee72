namespace Symbol.Scheduling;

/// <summary>A single fire at a fixed instant.</summary>
public sealed class OneOffSchedule : Schedule
{
    // UTC ticks rather than a DateTimeOffset: one of these is allocated per one-off job, and 8 bytes a job count at 100,000 jobs.
    private readonly long _utcTicks;

    internal OneOffSchedule(DateTimeOffset instant) => _utcTicks = instant.UtcTicks;

    public DateTimeOffset Instant => new(_utcTicks, TimeSpan.Zero);

    public override bool IsRecurring => false;

    public override DateTimeOffset? NextAfter(DateTimeOffset instant) => _utcTicks > instant.UtcTicks ? Instant : null;

    public override string ToString() => $"at {Instant:O}";
}
