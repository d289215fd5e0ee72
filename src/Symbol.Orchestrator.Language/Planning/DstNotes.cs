using System.Globalization;
using System.Text.RegularExpressions;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// Explains the fires of one workflow that a DST change moved or merged. It asks the zone's rules and
/// the schedules themselves rather than assuming Cronos's policy, so it stays right if that policy changes.
/// </summary>
internal sealed partial class DstNotes
{
    // Most fires are nowhere near a transition; a week whose offset is the same a day before and a day
    // after it is skipped with two lookups instead of three per fire. (Two transitions within nine days
    // that cancel out would hide; no zone in the tz database has them.)
    private static readonly long Week = TimeSpan.TicksPerDay * 7;

    private readonly CronSchedule[] _crons;
    private readonly long[] _quietWeeks;
    private readonly (DateTimeOffset Instant, string Note)[] _oneOffs;

    private DstNotes(CronSchedule[] crons, (DateTimeOffset, string)[] oneOffs)
    {
        _crons = crons;
        _quietWeeks = crons.Select(_ => long.MinValue).ToArray();
        _oneOffs = oneOffs;
    }

    public static DstNotes For(WorkflowDefinition workflow)
    {
        var crons = new List<CronSchedule>();
        var oneOffs = new List<(DateTimeOffset, string)>();
        foreach (var definition in workflow.Schedules)
        {
            foreach (var part in Flatten(definition.Schedule))
            {
                // A zone without adjustment rules keeps one offset forever: nothing to explain.
                if (part is CronSchedule cron && cron.TimeZone.GetAdjustmentRules().Length > 0)
                    crons.Add(cron);
                else if (part is OneOffSchedule oneOff && OneOffNote(definition.Text, workflow.TimeZone, oneOff) is { } note)
                    oneOffs.Add((oneOff.Instant, note));
            }
        }
        return new DstNotes([.. crons], [.. oneOffs]);
    }

    /// <summary>The note for <paramref name="fire"/>, or null when DST played no part in it.</summary>
    public string? Explain(DateTimeOffset fire)
    {
        List<string>? notes = null;
        for (int i = 0; i < _crons.Length; i++)
            if (!IsQuietWeek(i, fire) && CronNote(_crons[i], fire) is { } note)
                Add(ref notes, note);
        foreach (var (instant, note) in _oneOffs)
            if (instant == fire)
                Add(ref notes, note);
        return notes is null ? null : string.Join("; ", notes);
    }

    private bool IsQuietWeek(int cron, DateTimeOffset fire)
    {
        long week = fire.UtcTicks / Week;
        if (_quietWeeks[cron] == week)
            return true;
        var zone = _crons[cron].TimeZone;
        var start = new DateTimeOffset(week * Week, TimeSpan.Zero);
        if (start.UtcTicks < TimeSpan.TicksPerDay || start.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - Week - TimeSpan.TicksPerDay)
            return false;
        if (zone.GetUtcOffset(start.AddDays(-1)) != zone.GetUtcOffset(start.AddDays(8)))
            return false;
        _quietWeeks[cron] = week;
        return true;
    }

    private static void Add(ref List<string>? notes, string note)
    {
        notes ??= [];
        if (!notes.Contains(note))
            notes.Add(note);
    }

    private static string? CronNote(CronSchedule cron, DateTimeOffset fire)
    {
        var zone = cron.TimeZone;
        var offsetBefore = zone.GetUtcOffset(fire.AddTicks(-1));
        var offset = zone.GetUtcOffset(fire);
        if (offset > offsetBefore)
            return SpringNote(cron, fire, offsetBefore, offset);
        if (zone.IsAmbiguousTime(fire))
            return FallNote(cron, fire, offset);
        return null;
    }

    // Clocks went forward exactly at this fire: Cronos fires the wall times of the gap at its end
    // (Berlin 2027-03-28: 02:30 does not exist, so "30 2 * * *" fires at 03:00 CEST). The wall times the
    // expression asked for inside the gap are found by reading the expression on a clock without DST.
    private static string? SpringNote(CronSchedule cron, DateTimeOffset fire, TimeSpan offsetBefore, TimeSpan offset)
    {
        if (!FiresAt(cron, fire))
            return null;
        var gapEnd = fire.UtcDateTime + offset;
        var gapStart = gapEnd - (offset - offsetBefore);
        var wallClock = CronSchedule.Parse(cron.Expression, TimeZoneInfo.Utc);
        var asked = wallClock
            .Between(new DateTimeOffset(gapStart, TimeSpan.Zero).AddTicks(-1), new DateTimeOffset(gapEnd, TimeSpan.Zero).AddTicks(-1))
            .Take(10_000)
            .Select(at => at.DateTime)
            .ToList();
        if (asked.Count == 0)
            return null;
        var why = cron.TimeZone.IsDaylightSavingTime(fire) && !cron.TimeZone.IsDaylightSavingTime(fire.AddTicks(-1)) ? "DST starts" : "clocks go forward";
        // "@hourly" wants 03:00 anyway, so its 02:00 is not moved but merged into that fire.
        bool once = asked.Count > 1 || FiresAt(wallClock, new DateTimeOffset(gapEnd, TimeSpan.Zero));
        var what = asked.Count == 1 ? $"{Wall(asked[0])} does not exist" : $"{Times(asked)} do not exist";
        return $"{what} ({why}); fired {(once ? "once, at" : "at")} {Wall(gapEnd)}";
    }

    // The fire is in a repeated hour. A fixed time fires once, the first time (Berlin 2027-10-31:
    // "30 2 * * *" fires at 02:30 CEST, not again at 02:30 CET); "*/30 * * * *" fires in both copies
    // and so is not merged. Which of the two happened is asked of the schedule itself.
    private static string? FallNote(CronSchedule cron, DateTimeOffset fire, TimeSpan offset)
    {
        var offsets = cron.TimeZone.GetAmbiguousTimeOffsets(fire);
        var first = offsets.Max();
        var second = offsets.Min();
        if (offset != first || !FiresAt(cron, fire))
            return null;
        var repeat = fire + (first - second);
        if (FiresAt(cron, repeat))
            return null;
        var why = cron.TimeZone.IsDaylightSavingTime(fire) && !cron.TimeZone.IsDaylightSavingTime(repeat) ? "DST ends" : "clocks go back";
        return $"{Wall(fire.ToOffset(offset).DateTime)} occurs twice ({why}); fired once, the first time ({fire.ToOffset(offset):zzz})";
    }

    // An "at" without an offset is read in the workflow's zone (TimeZones.ToInstant): a wall time in a
    // gap moves to its end, one in a repeated hour is taken the first time.
    private static string? OneOffNote(string text, TimeZoneInfo zone, OneOffSchedule oneOff)
    {
        var quoted = Quoted().Match(text);
        if (!quoted.Success || !Iso8601.TryParse(quoted.Groups[1].Value, TimeZoneInfo.Utc, out var wallAsUtc, out bool hadOffset, out _) || hadOffset)
            return null;
        var wall = wallAsUtc.DateTime;
        if (TimeZones.ToInstant(wall, zone) != oneOff.Instant)
            return null;
        var local = TimeZoneInfo.ConvertTime(oneOff.Instant, zone);
        if (zone.IsInvalidTime(wall))
            return $"{Wall(wall)} does not exist ({(zone.IsDaylightSavingTime(oneOff.Instant) ? "DST starts" : "clocks go forward")}); fired at {Wall(local.DateTime)}";
        if (zone.IsAmbiguousTime(wall))
            return $"{Wall(wall)} occurs twice ({(zone.IsDaylightSavingTime(oneOff.Instant) ? "DST ends" : "clocks go back")}); fired the first time ({local:zzz})";
        return null;
    }

    private static bool FiresAt(Schedule schedule, DateTimeOffset instant) => schedule.NextAfter(instant.AddTicks(-1)) == instant;

    private static IEnumerable<Schedule> Flatten(Schedule schedule) =>
        schedule is UnionSchedule union ? union.Parts.SelectMany(Flatten) : [schedule];

    private static string Times(List<DateTime> walls) => walls.Count switch
    {
        2 => $"{Wall(walls[0])} and {Wall(walls[1])}",
        3 => $"{Wall(walls[0])}, {Wall(walls[1])} and {Wall(walls[2])}",
        _ => $"{Wall(walls[0])} to {Wall(walls[^1])} ({walls.Count} times)",
    };

    private static string Wall(DateTime wall) =>
        wall.ToString(wall.Ticks % TimeSpan.TicksPerMinute == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();
}
