using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// The fire instants a backfill makes runs for: the workflow's schedules (their union, DST as the scheduler has it) in
/// [from, to], oldest first. Pure: the range is passed in, and the instants come from the same <see cref="Schedule"/>
/// the host fires, so a backfilled instant is exactly one the schedule would have fired.
/// </summary>
public static class BackfillPlanner
{
    /// <summary>The most instants one backfill takes: each is a run in the store, and a wrong range should not queue millions.</summary>
    public const int MaxInstants = 100_000;

    /// <summary>
    /// The fire instants of <paramref name="schedule"/> in [<paramref name="from"/>, <paramref name="to"/>], oldest first, at most
    /// <paramref name="max"/>; when there are more, <see cref="BackfillInstants.Over"/> is set and the count is an estimate.
    /// </summary>
    public static BackfillInstants Plan(Schedule schedule, DateTimeOffset from, DateTimeOffset to, int max = MaxInstants)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var instants = new List<DateTimeOffset>();
        foreach (var at in schedule.Between(from == DateTimeOffset.MinValue ? from : from.AddTicks(-1), to))
        {
            if (instants.Count == max)
                return new BackfillInstants(instants, Estimate(instants, to, at));
            instants.Add(at);
        }
        return new BackfillInstants(instants, null);
    }

    // Counting every instant of a wrong range (a per-second schedule over ten years) would take minutes: the rate of
    // the first instants, over the rest of the range, is what the message needs ("about 315,360,000"); exact on a grid.
    private static long Estimate(List<DateTimeOffset> instants, DateTimeOffset to, DateTimeOffset next)
    {
        var first = instants[0];
        var seen = (next - first).Ticks;
        if (seen <= 0)
            return instants.Count + 1L;
        var estimate = instants.Count * ((to - first).Ticks / (double)seen) + 1;
        return (long)Math.Min(Math.Max(estimate, instants.Count + 1.0), long.MaxValue / 2);
    }
}

/// <summary>A backfill's instants, oldest first; <paramref name="Over"/> is about how many the range has when it has more than the cap (then <paramref name="Instants"/> holds the first ones).</summary>
public sealed record BackfillInstants(IReadOnlyList<DateTimeOffset> Instants, long? Over);
