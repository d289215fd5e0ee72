namespace Symbol.Scheduling;

/// <summary>Time-zone lookup and local-time conversion shared by schedules and the language.</summary>
public static class TimeZones
{
    /// <summary>Finds an IANA (or Windows) zone id, throwing a <see cref="TimeZoneNotFoundException"/> that names it.</summary>
    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone) ? zone : throw new TimeZoneNotFoundException($"unknown time zone '{id}'");

    public static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
            return false;
        if (id is "UTC" or "Etc/UTC" or "Z")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }

    /// <summary>
    /// The instant a wall-clock time names in <paramref name="zone"/>. Like cron under Cronos, a time
    /// skipped by spring-forward (02:30 in Berlin on 2027-03-28) moves to the end of the gap (03:00 CEST),
    /// and a time repeated by fall-back is taken the first time (02:30 CEST on 2027-10-31).
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        if (local.Kind == DateTimeKind.Utc)
            return new DateTimeOffset(local, TimeSpan.Zero);
        if (local.Kind == DateTimeKind.Local)
            return new DateTimeOffset(local).ToUniversalTime();
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            // Gaps start on minute boundaries, so the first valid minute is the end of the gap, e.g. 03:00.
            var probe = new DateTime(wall.Year, wall.Month, wall.Day, wall.Hour, wall.Minute, 0, DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(probe))
                probe = probe.AddMinutes(1);
            return new DateTimeOffset(probe, zone.GetUtcOffset(probe));
        }
        if (zone.IsAmbiguousTime(wall))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(wall);
            return new DateTimeOffset(wall, offsets.Max());
        }
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
