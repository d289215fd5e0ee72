using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Language.Tests.Planning;

/// <summary>
/// Fires worked out by hand. Each expected fire is written in the workflow's zone, followed by
/// " | note" where DST moved or merged it.
/// </summary>
public class SchedulePreviewTests
{
    [Theory]
    // Europe/Berlin springs forward on 2027-03-28 at 02:00 CET to 03:00 CEST.
    [InlineData("Europe/Berlin", "cron \"30 2 * * *\"", "2027-03-27 00:00+01:00", new[]
    {
        "2027-03-27 02:30+01:00",
        "2027-03-28 03:00+02:00 | 02:30 does not exist (DST starts); fired at 03:00",
        "2027-03-29 02:30+02:00",
    })]
    [InlineData("Europe/Berlin", "cron \"*/30 * * * *\"", "2027-03-28 01:15+01:00", new[]
    {
        "2027-03-28 01:30+01:00",
        "2027-03-28 03:00+02:00 | 02:00 and 02:30 do not exist (DST starts); fired once, at 03:00",
        "2027-03-28 03:30+02:00",
    })]
    [InlineData("Europe/Berlin", "cron \"@hourly\"", "2027-03-28 00:30+01:00", new[]
    {
        "2027-03-28 01:00+01:00",
        "2027-03-28 03:00+02:00 | 02:00 does not exist (DST starts); fired once, at 03:00",
        "2027-03-28 04:00+02:00",
    })]
    [InlineData("Europe/Berlin", "cron \"@daily\"", "2027-03-27 12:00+01:00", new[] { "2027-03-28 00:00+01:00", "2027-03-29 00:00+02:00" })]
    [InlineData("Europe/Berlin", "cron \"0 3 * * *\"", "2027-03-27 12:00+01:00", new[]
    {
        "2027-03-28 03:00+02:00",
        "2027-03-29 03:00+02:00",
    })]
    [InlineData("Europe/Berlin", "cron \"30 * 2 * * *\"", "2027-03-28 01:59+01:00", new[]
    {
        "2027-03-28 03:00+02:00 | 02:00:30 to 02:59:30 (60 times) do not exist (DST starts); fired once, at 03:00",
        "2027-03-29 02:00:30+02:00",
    })]
    // Europe/Berlin falls back on 2027-10-31 at 03:00 CEST to 02:00 CET: 02:00–02:59 occur twice.
    [InlineData("Europe/Berlin", "cron \"30 2 * * *\"", "2027-10-30 00:00+02:00", new[]
    {
        "2027-10-30 02:30+02:00",
        "2027-10-31 02:30+02:00 | 02:30 occurs twice (DST ends); fired once, the first time (+02:00)",
        "2027-11-01 02:30+01:00",
    })]
    [InlineData("Europe/Berlin", "cron \"*/30 * * * *\"", "2027-10-31 01:45+02:00", new[]
    {
        "2027-10-31 02:00+02:00",
        "2027-10-31 02:30+02:00",
        "2027-10-31 02:00+01:00",
        "2027-10-31 02:30+01:00",
        "2027-10-31 03:00+01:00",
    })]
    [InlineData("Europe/Berlin", "cron \"0 30 2 * * *\"", "2027-10-30 12:00+02:00", new[]
    {
        "2027-10-31 02:30+02:00 | 02:30 occurs twice (DST ends); fired once, the first time (+02:00)",
        "2027-11-01 02:30+01:00",
    })]
    [InlineData("Europe/Berlin", "cron \"0,30 2 * * *\"", "2027-10-31 00:00+02:00", new[]
    {
        "2027-10-31 02:00+02:00 | 02:00 occurs twice (DST ends); fired once, the first time (+02:00)",
        "2027-10-31 02:30+02:00 | 02:30 occurs twice (DST ends); fired once, the first time (+02:00)",
        "2027-11-01 02:00+01:00",
    })]
    // America/New_York springs forward on 2027-03-14 at 02:00 EST to 03:00 EDT...
    [InlineData("America/New_York", "cron \"30 2 * * *\"", "2027-03-13 00:00-05:00", new[]
    {
        "2027-03-13 02:30-05:00",
        "2027-03-14 03:00-04:00 | 02:30 does not exist (DST starts); fired at 03:00",
        "2027-03-15 02:30-04:00",
    })]
    // ...and falls back on 2027-11-07 at 02:00 EDT to 01:00 EST: 01:00–01:59 occur twice.
    [InlineData("America/New_York", "cron \"30 1 * * *\"", "2027-11-06 12:00-04:00", new[]
    {
        "2027-11-07 01:30-04:00 | 01:30 occurs twice (DST ends); fired once, the first time (-04:00)",
        "2027-11-08 01:30-05:00",
    })]
    [InlineData("America/New_York", "cron \"0 * * * *\"", "2027-11-07 00:30-04:00", new[]
    {
        "2027-11-07 01:00-04:00",
        "2027-11-07 01:00-05:00",
        "2027-11-07 02:00-05:00",
    })]
    // Vixie OR: the 13th (a Monday in September 2027) or any Friday.
    [InlineData("UTC", "cron \"0 0 13 * FRI\"", "2027-09-01 00:00Z", new[]
    {
        "2027-09-03 00:00+00:00",
        "2027-09-10 00:00+00:00",
        "2027-09-13 00:00+00:00",
        "2027-09-17 00:00+00:00",
        "2027-09-24 00:00+00:00",
        "2027-10-01 00:00+00:00",
    })]
    // L: the last day of the month, 29 February in a leap year.
    [InlineData("UTC", "cron \"0 0 L * *\"", "2028-01-15 00:00Z", new[]
    {
        "2028-01-31 00:00+00:00",
        "2028-02-29 00:00+00:00",
        "2028-03-31 00:00+00:00",
    })]
    // every: on a grid from the Unix epoch. 2027-03-01 10:00Z is minute 30,064,920 = 7 × 4,294,988 + 4
    // and 90 × 334,054 + 60, so the 7-minute grid passed at 09:56 and the 90-minute one at 09:00.
    [InlineData("UTC", "every 15m", "2027-03-01 10:07Z", new[] { "2027-03-01 10:15+00:00", "2027-03-01 10:30+00:00", "2027-03-01 10:45+00:00" })]
    [InlineData("UTC", "every 7m", "2027-03-01 10:00Z", new[] { "2027-03-01 10:03+00:00", "2027-03-01 10:10+00:00", "2027-03-01 10:17+00:00" })]
    [InlineData("UTC", "every 1h30m", "2027-03-01 10:00Z", new[] { "2027-03-01 10:30+00:00", "2027-03-01 12:00+00:00" })]
    // An interval ignores DST; only the offset it is shown with changes.
    [InlineData("Europe/Berlin", "every 1h", "2027-03-28 00:30+01:00", new[] { "2027-03-28 01:00+01:00", "2027-03-28 03:00+02:00", "2027-03-28 04:00+02:00" })]
    // at without an offset is read in the workflow's zone; a wall time in the gap moves to its end.
    [InlineData("Europe/Berlin", "at \"2027-06-01T09:00\"", "2027-01-01 00:00Z", new[] { "2027-06-01 09:00+02:00" })]
    [InlineData("America/New_York", "at \"2027-06-01T09:00\"", "2027-01-01 00:00Z", new[] { "2027-06-01 09:00-04:00" })]
    [InlineData("Europe/Berlin", "at \"2027-06-01T09:00Z\"", "2027-01-01 00:00Z", new[] { "2027-06-01 11:00+02:00" })]
    [InlineData("Europe/Berlin", "at \"2027-03-28T02:30\"", "2027-01-01 00:00Z", new[] { "2027-03-28 03:00+02:00 | 02:30 does not exist (DST starts); fired at 03:00" })]
    [InlineData("Europe/Berlin", "at \"2027-10-31T02:30\"", "2027-01-01 00:00Z", new[] { "2027-10-31 02:30+02:00 | 02:30 occurs twice (DST ends); fired the first time (+02:00)" })]
    [InlineData("Europe/Berlin", "at \"2027-06-01T09:00\"", "2027-06-01 09:00+02:00", new string[0])]
    public void Fires_MatchTheHandWorkedInstants(string zone, string schedule, string from, string[] expected)
    {
        var workflow = Build.Workflow(zone, [schedule]);

        var fires = SchedulePreview.Fires(workflow, Build.Instant(from), count: expected.Length == 0 ? 5 : expected.Length);

        Assert.Equal(expected, fires.Select(Describe));
    }

    [Fact]
    public void Fires_OfMergedSchedules_FireASharedInstantOnce()
    {
        var workflow = Build.Workflow("Europe/Berlin", ["cron \"0 9 * * *\"", "cron \"0 */3 * * *\"", "at \"2027-06-01T09:00\"", "every 3h"]);

        var fires = SchedulePreview.Fires(workflow, Build.Instant("2027-06-01 07:30+02:00"), count: 4);

        // every 3h on the UTC grid is 08:00, 11:00, 14:00 CEST; cron */3 is 09:00, 12:00, 15:00 local.
        Assert.Equal(["2027-06-01 08:00+02:00", "2027-06-01 09:00+02:00", "2027-06-01 11:00+02:00", "2027-06-01 12:00+02:00"], fires.Select(Describe));
    }

    [Fact]
    public void Fires_StopAtUntil_Inclusive()
    {
        var workflow = Build.Workflow("UTC", ["cron \"0 * * * *\""]);

        var fires = SchedulePreview.Fires(workflow, Build.Instant("2027-06-01 10:00Z"), Build.Instant("2027-06-01 13:00Z"), count: 100);

        Assert.Equal(["2027-06-01 11:00+00:00", "2027-06-01 12:00+00:00", "2027-06-01 13:00+00:00"], fires.Select(Describe));
    }

    [Fact]
    public void Fires_StartStrictlyAfterFrom()
    {
        var workflow = Build.Workflow("UTC", ["cron \"0 * * * *\""]);

        var fires = SchedulePreview.Fires(workflow, Build.Instant("2027-06-01 10:00Z"), count: 1);

        Assert.Equal(Build.Instant("2027-06-01 11:00Z"), fires.Single().At);
    }

    [Fact]
    public void Fires_OfATriggeredOnlyWorkflow_AreNone() =>
        Assert.Empty(SchedulePreview.Fires(Build.Workflow("UTC", []), Build.Instant("2027-06-01 10:00Z")));

    [Fact]
    public void Fires_AreShownWithTheZonesOffset()
    {
        var workflow = Build.Workflow("America/New_York", ["cron \"0 12 * * *\""]);

        var fire = SchedulePreview.Fires(workflow, Build.Instant("2027-01-10 00:00Z"), count: 1).Single();

        Assert.Equal(TimeSpan.FromHours(-5), fire.At.Offset);
        Assert.Equal(Build.Instant("2027-01-10 17:00Z"), fire.At);
    }

    private static string Describe(PreviewFire fire) => fire.DstNote is null ? Build.Show(fire.At) : $"{Build.Show(fire.At)} | {fire.DstNote}";
}
