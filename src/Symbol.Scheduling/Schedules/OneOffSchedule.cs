namespace Symbol.Scheduling;

/// <summary>A single fire at a fixed instant.</summary>
public sealed class OneOffSchedule : Schedule
{
    internal OneOffSchedule(DateTimeOffset instant) => Instant = instant.ToUniversalTime();

    public DateTimeOffset Instant { get; }

    public override bool IsRecurring => false;

    public override DateTimeOffset? NextAfter(DateTimeOffset instant) => Instant > instant ? Instant : null;

    public override string ToString() => $"at {Instant:O}";
}
