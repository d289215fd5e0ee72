namespace Symbol.Scheduling;

/// <summary>
/// Fires every <see cref="Interval"/> on a grid anchored at the Unix epoch: <c>every 15m</c> fires at
/// :00, :15, :30 and :45 whenever the program started, so a restart neither shifts nor repeats a fire.
/// </summary>
public sealed class IntervalSchedule : Schedule
{
    internal IntervalSchedule(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "an interval must be positive");
        Interval = interval;
    }

    public TimeSpan Interval { get; }

    public override bool IsRecurring => true;

    public override DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        long sinceEpoch = instant.UtcTicks - DateTime.UnixEpoch.Ticks;
        long step = Interval.Ticks;
        // Floor division, so instants before the epoch land on the grid too.
        long slot = sinceEpoch >= 0 ? sinceEpoch / step : -((-sinceEpoch + step - 1) / step);
        long nextTicks = DateTime.UnixEpoch.Ticks + (slot + 1) * step;
        return nextTicks > DateTimeOffset.MaxValue.UtcTicks ? null : new DateTimeOffset(nextTicks, TimeSpan.Zero);
    }

    public override string ToString() => $"every {Interval}";
}
