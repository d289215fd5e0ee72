using System.Globalization;

namespace Symbol.Scheduling.Tests;

public class ScheduleTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static string[] Fires(Schedule schedule, string from, int count, string zone = "UTC")
    {
        var tz = TimeZones.Find(zone);
        var result = new List<string>();
        var cursor = At(from);
        for (int i = 0; i < count && schedule.NextAfter(cursor) is { } next; i++, cursor = next)
            result.Add(TimeZoneInfo.ConvertTime(next, tz).ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture));
        return result.ToArray();
    }

    [Theory]
    [InlineData("*/15 * * * *", "2026-11-27T10:07:00Z", "2026-11-27 10:15:00+00:00", "2026-11-27 10:30:00+00:00")]
    [InlineData("*/20 * * * * *", "2026-11-27T10:00:00Z", "2026-11-27 10:00:20+00:00", "2026-11-27 10:00:40+00:00")]
    [InlineData("@daily", "2026-11-27T10:00:00Z", "2026-11-28 00:00:00+00:00", "2026-11-29 00:00:00+00:00")]
    [InlineData("0 9 * * MON", "2026-11-27T10:00:00Z", "2026-11-30 09:00:00+00:00", "2026-12-07 09:00:00+00:00")]
    [InlineData("0 0 L * *", "2027-02-01T00:00:00Z", "2027-02-28 00:00:00+00:00", "2027-03-31 00:00:00+00:00")]
    [InlineData("0 0 * * FRI#2", "2026-11-27T10:00:00Z", "2026-12-11 00:00:00+00:00", "2027-01-08 00:00:00+00:00")]
    public void Cron_FiresAtTheExpectedInstants(string cron, string from, string first, string second) =>
        Assert.Equal([first, second], Fires(Schedule.Cron(cron), from, 2));

    [Fact]
    public void Cron_OrsDayOfMonthAndDayOfWeek_WhenBothAreRestricted_AsVixieCronDoes()
    {
        // 2027-08-13 is a Friday; 2027-08-06 and 2027-08-20 are Fridays but not the 13th; 2027-09-13 is a Monday.
        var fires = Fires(Schedule.Cron("0 0 13 * FRI"), "2027-08-01T00:00:00Z", 5);
        Assert.Equal(["2027-08-06 00:00:00+00:00", "2027-08-13 00:00:00+00:00", "2027-08-20 00:00:00+00:00", "2027-08-27 00:00:00+00:00", "2027-09-03 00:00:00+00:00"], fires);
        Assert.Contains("2027-09-13 00:00:00+00:00", Fires(Schedule.Cron("0 0 13 * FRI"), "2027-09-04T00:00:00Z", 3));
    }

    [Fact]
    public void Cron_AndsTheDays_WhenDayOfWeekIsAStar()
    {
        var schedule = (CronSchedule)Schedule.Cron("0 0 13 * *");
        Assert.False(schedule.UsesVixieDayOr);
        Assert.Equal(["2027-08-13 00:00:00+00:00"], Fires(schedule, "2027-08-01T00:00:00Z", 1));
    }

    [Theory] // Europe/Berlin, 2027: summer time starts 03-28 at 02:00 (to 03:00) and ends 10-31 at 03:00 (back to 02:00).
    [InlineData("30 2 * * *", "2027-03-26T12:00:00Z", new[] { "2027-03-27 02:30:00+01:00", "2027-03-28 03:00:00+02:00", "2027-03-29 02:30:00+02:00" })]
    [InlineData("30 2 * * *", "2027-10-29T12:00:00Z", new[] { "2027-10-30 02:30:00+02:00", "2027-10-31 02:30:00+02:00", "2027-11-01 02:30:00+01:00" })]
    [InlineData("*/30 * * * *", "2027-10-31T00:15:00Z", new[] { "2027-10-31 02:30:00+02:00", "2027-10-31 02:00:00+01:00", "2027-10-31 02:30:00+01:00", "2027-10-31 03:00:00+01:00" })]
    public void Cron_InBerlin_FollowsDstAcross2027(string cron, string from, string[] expected) =>
        Assert.Equal(expected, Fires(Schedule.Cron(cron, "Europe/Berlin"), from, expected.Length, "Europe/Berlin"));

    [Theory]
    [InlineData("* * * *", "expected 5 fields")]
    [InlineData("61 * * * *", "invalid cron expression \"61 * * * *\"")]
    [InlineData("* * * * * * *", "found 7")]
    [InlineData("0 0 * * FUNDAY", "invalid cron expression")]
    public void Cron_Invalid_FailsAtConstruction_SayingWhatIsWrong(string cron, string fragment)
    {
        var error = Assert.Throws<FormatException>(() => new ScheduledJob("bad", () => { }, cron));
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void UnknownTimeZone_IsNamedInTheError() =>
        Assert.Contains("'Mars/Olympus'", Assert.Throws<TimeZoneNotFoundException>(() => Schedule.Cron("* * * * *", "Mars/Olympus")).Message);

    [Theory]
    [InlineData("2026-11-28T02:00:00Z", "2026-11-28T02:00:00.0000000+00:00")]
    [InlineData("2026-11-28T03:00:00+01:00", "2026-11-28T02:00:00.0000000+00:00")]
    [InlineData("2026-11-28 02:00", "2026-11-28T02:00:00.0000000+00:00")]
    [InlineData("2026-11-28", "2026-11-28T00:00:00.0000000+00:00")]
    [InlineData("2026-11-28T02:00:00.25Z", "2026-11-28T02:00:00.2500000+00:00")]
    public void Symbol_NamingAnIsoInstant_IsAOneOff(string name, string expected)
    {
        var schedule = Assert.IsType<OneOffSchedule>((Schedule)new Symbol(name));
        Assert.Equal(expected, schedule.Instant.ToString("O", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("tomorrow", "expected an ISO 8601 time")]
    [InlineData("2026-13-01T00:00:00Z", "month 13 is out of range")]
    [InlineData("2026-02-30T00:00:00Z", "day 30 is out of range")]
    [InlineData("2026-11-28T25:00:00Z", "hour 25 is out of range")]
    public void Symbol_NotAnIsoInstant_FailsAtConstruction(string name, string fragment)
    {
        var error = Assert.Throws<FormatException>(() => new ScheduledJob("bad", () => { }, new Symbol(name)));
        Assert.Contains($"symbol '{name}' is not an ISO 8601 instant", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void LocalTime_InADstGap_MovesToTheEndOfTheGap_AndARepeatedTime_IsTakenTheFirstTime()
    {
        var berlin = TimeZones.Find("Europe/Berlin");
        Assert.True(Iso8601.TryParse("2027-03-28T02:30", berlin, out var gap, out _));
        Assert.Equal(At("2027-03-28T03:00:00+02:00"), gap);
        Assert.True(Iso8601.TryParse("2027-10-31T02:30", berlin, out var repeated, out _));
        Assert.Equal(TimeSpan.FromHours(2), TimeZoneInfo.ConvertTime(repeated, berlin).Offset);
        Assert.Equal(At("2027-10-31T00:30:00Z"), repeated);
    }

    [Fact]
    public void Every_FiresOnAGridFromTheUnixEpoch_WhateverTheStartingPoint()
    {
        var every = Schedule.Every(TimeSpan.FromMinutes(15));
        Assert.Equal(["2026-11-27 10:15:00+00:00", "2026-11-27 10:30:00+00:00"], Fires(every, "2026-11-27T10:07:31Z", 2));
        Assert.Equal(["2026-11-27 10:15:00+00:00"], Fires(every, "2026-11-27T10:00:00Z", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Every(TimeSpan.Zero));
    }

    [Fact]
    public void Union_FiresEachSharedInstantOnce()
    {
        var union = Schedule.Union(Schedule.Cron("0 * * * *"), Schedule.Cron("*/30 * * * *"), Schedule.At(At("2026-11-27T10:45:00Z")));
        Assert.Equal(["2026-11-27 10:30:00+00:00", "2026-11-27 10:45:00+00:00", "2026-11-27 11:00:00+00:00", "2026-11-27 11:30:00+00:00"],
            Fires(union, "2026-11-27T10:00:00Z", 4));
    }

    [Fact]
    public void OneOff_HasNoFireAfterItsInstant()
    {
        var once = Schedule.At(At("2026-11-27T10:00:05Z"));
        Assert.Equal(At("2026-11-27T10:00:05Z"), once.NextAfter(At("2026-11-27T10:00:00Z")));
        Assert.Null(once.NextAfter(At("2026-11-27T10:00:05Z")));
        Assert.False(once.IsRecurring);
    }
}
