namespace Symbol.Scheduling;

/// <summary>Several schedules merged into one stream of distinct instants.</summary>
public sealed class UnionSchedule : Schedule
{
    internal UnionSchedule(IReadOnlyList<Schedule> parts)
    {
        if (parts.Count == 0)
            throw new ArgumentException("a union needs at least one schedule", nameof(parts));
        Parts = parts.ToArray();
    }

    public IReadOnlyList<Schedule> Parts { get; }

    public override bool IsRecurring => Parts.Any(p => p.IsRecurring) || Parts.Count > 1;

    public override DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        DateTimeOffset? earliest = null;
        foreach (var part in Parts)
        {
            if (part.NextAfter(instant) is { } next && (earliest is null || next < earliest))
                earliest = next;
        }
        return earliest;
    }

    public override string ToString() => string.Join("; ", Parts);
}
