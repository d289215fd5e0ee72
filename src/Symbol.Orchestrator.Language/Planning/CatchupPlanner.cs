using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// The runs a host makes for fires it missed while it was down (docs/semantics.md). Missed fires are those in
/// (watermark, now], the watermark being the latest fire instant the store recorded for the workflow.
/// Pure: the host passes the watermark and the present.
/// </summary>
/// <remarks>
/// With <c>all</c>, when more than the limit were missed, the newest <c>limit</c> fires run (oldest
/// first among them): after a long outage the recent fires matter most, and <c>latest</c> is then the
/// same rule with a limit of one. The search walks back from the present in growing windows, so a
/// year of downtime on a per-second schedule costs about the limit, not the 31 million fires missed.
/// </remarks>
public static class CatchupPlanner
{
    /// <summary>The default of the <c>CatchupLimit</c> setting.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The catch-up runs for <paramref name="workflow"/>'s schedules and <c>catchup</c> setting, oldest first.</summary>
    public static IReadOnlyList<DateTimeOffset> Plan(WorkflowDefinition workflow, DateTimeOffset? watermark, DateTimeOffset now, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return Plan(workflow.Schedule, workflow.Catchup, watermark, now, limit);
    }

    /// <summary>
    /// The catch-up runs, oldest first. A null <paramref name="watermark"/> (a workflow the store has never
    /// seen) or a null <paramref name="schedule"/> (triggered only) makes none.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Plan(Schedule? schedule, CatchupPolicy policy, DateTimeOffset? watermark, DateTimeOffset now, int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (schedule is null || watermark is not { } after || policy.Mode == CatchupMode.None || limit == 0 || after >= now)
            return [];
        // "within 1h" keeps a fire exactly one hour old and ignores anything older.
        if (policy.Within is { } within && now.UtcTicks - DateTimeOffset.MinValue.UtcTicks > within.Ticks)
        {
            var oldest = now - within;
            if (oldest.AddTicks(-1) > after)
                after = oldest.AddTicks(-1);
        }
        return Newest(schedule, after, now, policy.Mode == CatchupMode.Latest ? 1 : limit);
    }

    // The newest `take` fires in (after, until], oldest first, looking back in windows four times larger each time.
    private static IReadOnlyList<DateTimeOffset> Newest(Schedule schedule, DateTimeOffset after, DateTimeOffset until, int take)
    {
        long span = TimeSpan.TicksPerMinute;
        while (true)
        {
            bool whole = until.UtcTicks - after.UtcTicks <= span;
            var start = whole ? after : until.AddTicks(-span);
            var kept = new Queue<DateTimeOffset>(Math.Min(take, 1024));
            foreach (var fire in schedule.Between(start, until))
            {
                if (kept.Count == take)
                    kept.Dequeue();
                kept.Enqueue(fire);
            }
            if (whole || kept.Count == take)
                return kept.ToArray();
            span = span > long.MaxValue / 4 ? long.MaxValue : span * 4;
        }
    }
}
