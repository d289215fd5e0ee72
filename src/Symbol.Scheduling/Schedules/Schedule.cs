namespace Symbol.Scheduling;

/// <summary>
/// When a job runs. Pure: every method takes the instant to start from and never reads a clock,
/// so the scheduler, a dry-run preview and tests all compute the same fires.
/// </summary>
public abstract class Schedule
{
    private protected Schedule() { }

    /// <summary>True for schedules that fire more than once.</summary>
    public abstract bool IsRecurring { get; }

    /// <summary>The first fire strictly after <paramref name="instant"/>, or null when there is none.</summary>
    public abstract DateTimeOffset? NextAfter(DateTimeOffset instant);

    /// <summary>The first fire at or after <paramref name="instant"/>.</summary>
    public DateTimeOffset? NextAtOrAfter(DateTimeOffset instant) =>
        instant == DateTimeOffset.MinValue ? NextAfter(instant) : NextAfter(instant.AddTicks(-1));

    /// <summary>The fires in (<paramref name="after"/>, <paramref name="until"/>], oldest first.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset after, DateTimeOffset until)
    {
        for (var next = NextAfter(after); next is { } at && at <= until; next = NextAfter(at))
            yield return at;
    }

    /// <summary>A one-off fire at <paramref name="instant"/>.</summary>
    public static Schedule At(DateTimeOffset instant) => new OneOffSchedule(instant);

    /// <summary>A one-off fire; an unspecified-kind <see cref="DateTime"/> is read in <paramref name="zone"/> (UTC by default).</summary>
    public static Schedule At(DateTime instant, TimeZoneInfo? zone = null) => new OneOffSchedule(TimeZones.ToInstant(instant, zone ?? TimeZoneInfo.Utc));

    /// <summary>A one-off fire at the ISO 8601 instant a symbol names; without an offset it is read in <paramref name="zone"/>.</summary>
    public static Schedule At(Symbol symbol, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return Iso8601.TryParse(symbol.Name, zone ?? TimeZoneInfo.Utc, out var instant, out var error)
            ? new OneOffSchedule(instant)
            : throw new FormatException($"symbol '{symbol.Name}' is not an ISO 8601 instant: {error}");
    }

    /// <summary>A cron schedule (5 fields, 6 with seconds first, or a macro such as <c>@daily</c>) in <paramref name="zone"/>.</summary>
    public static Schedule Cron(string expression, TimeZoneInfo? zone = null) => CronSchedule.Parse(expression, zone ?? TimeZoneInfo.Utc);

    /// <summary>A cron schedule in the IANA time zone <paramref name="zoneId"/>.</summary>
    public static Schedule Cron(string expression, string zoneId) => CronSchedule.Parse(expression, TimeZones.Find(zoneId));

    /// <summary>Every <paramref name="interval"/>, on a grid from the Unix epoch, so restarts keep the same instants.</summary>
    public static Schedule Every(TimeSpan interval) => new IntervalSchedule(interval);

    /// <summary>The union of several schedules: each instant fires once, whichever schedules share it.</summary>
    public static Schedule Union(params IReadOnlyList<Schedule> schedules) =>
        schedules.Count == 1 ? schedules[0] : new UnionSchedule(schedules);

    public static implicit operator Schedule(string cron) => Cron(cron);
    public static implicit operator Schedule(DateTimeOffset instant) => At(instant);
    public static implicit operator Schedule(DateTime instant) => At(instant);
    public static implicit operator Schedule(Symbol symbol) => At(symbol);
}
