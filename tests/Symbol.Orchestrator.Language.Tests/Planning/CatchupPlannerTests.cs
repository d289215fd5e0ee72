using System.Diagnostics;
using Symbol.Scheduling;
using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Language.Tests.Planning;

public class CatchupPlannerTests
{
    private const string Hourly = "cron \"0 * * * *\"";

    [Theory]
    // Down from 00:00 (the last fire acted on) to 05:30: the hourly fires 01:00–05:00 were missed.
    [InlineData("none", null, 100, new string[0])]
    [InlineData("latest", null, 100, new[] { "05:00" })]
    [InlineData("all", null, 100, new[] { "01:00", "02:00", "03:00", "04:00", "05:00" })]
    [InlineData("all", null, 2, new[] { "04:00", "05:00" })]
    [InlineData("all", null, 0, new string[0])]
    [InlineData("all", "2h", 100, new[] { "04:00", "05:00" })]
    [InlineData("all", "2h30m", 100, new[] { "03:00", "04:00", "05:00" })]
    [InlineData("all", "2h29m", 100, new[] { "04:00", "05:00" })]
    [InlineData("latest", "2h", 100, new[] { "05:00" })]
    [InlineData("latest", "10m", 100, new string[0])]
    [InlineData("all", "30d", 100, new[] { "01:00", "02:00", "03:00", "04:00", "05:00" })]
    public void Plan_FollowsThePolicy(string mode, string? within, int limit, string[] expected)
    {
        var policy = new CatchupPolicy(Enum.Parse<CatchupMode>(mode, ignoreCase: true), within is null ? null : Build.Duration(within));
        var workflow = Build.Workflow("UTC", [Hourly], policy);

        var runs = CatchupPlanner.Plan(workflow, Build.Instant("2027-06-01 00:00Z"), Build.Instant("2027-06-01 05:30Z"), limit);

        Assert.Equal(expected.Select(t => Build.Instant($"2027-06-01 {t}Z")), runs);
    }

    [Theory]
    [InlineData("2027-06-01 05:00Z", "2027-06-01 05:00Z", new string[0])]
    [InlineData("2027-06-01 04:00Z", "2027-06-01 05:00Z", new[] { "05:00" })]
    [InlineData("2027-06-01 04:00Z", "2027-06-01 04:59Z", new string[0])]
    [InlineData("2027-06-01 05:00Z", "2027-06-01 04:00Z", new string[0])]
    public void Plan_CountsFiresAfterTheWatermarkUpToNowInclusive(string watermark, string now, string[] expected)
    {
        var workflow = Build.Workflow("UTC", [Hourly], new CatchupPolicy(CatchupMode.All, null));

        var runs = CatchupPlanner.Plan(workflow, Build.Instant(watermark), Build.Instant(now));

        Assert.Equal(expected.Select(t => Build.Instant($"2027-06-01 {t}Z")), runs);
    }

    [Fact]
    public void Plan_ForAWorkflowTheStoreNeverSaw_IsEmpty()
    {
        var workflow = Build.Workflow("UTC", [Hourly], new CatchupPolicy(CatchupMode.All, null));

        Assert.Empty(CatchupPlanner.Plan(workflow, watermark: null, Build.Instant("2027-06-01 05:30Z")));
    }

    [Fact]
    public void Plan_ForATriggeredOnlyWorkflow_IsEmpty() =>
        Assert.Empty(CatchupPlanner.Plan(Build.Workflow("UTC", []), Build.Instant("2027-06-01 00:00Z"), Build.Instant("2027-06-01 05:30Z")));

    [Theory]
    [InlineData("latest")]
    [InlineData("all")]
    public void Plan_CountsAMissedOneOff(string mode)
    {
        var workflow = Build.Workflow("Europe/Berlin", ["at \"2027-06-01T03:00\""], new CatchupPolicy(Enum.Parse<CatchupMode>(mode, true), null));

        var runs = CatchupPlanner.Plan(workflow, Build.Instant("2027-05-31 00:00Z"), Build.Instant("2027-06-01 05:30Z"));

        Assert.Equal([Build.Instant("2027-06-01 03:00+02:00")], runs);
    }

    [Fact]
    public void Plan_OfMergedSchedules_RunsASharedInstantOnce()
    {
        var workflow = Build.Workflow("UTC", [Hourly, "every 30m", "at \"2027-06-01T01:00Z\""], new CatchupPolicy(CatchupMode.All, null));

        var runs = CatchupPlanner.Plan(workflow, Build.Instant("2027-06-01 00:00Z"), Build.Instant("2027-06-01 01:30Z"));

        Assert.Equal([Build.Instant("2027-06-01 00:30Z"), Build.Instant("2027-06-01 01:00Z"), Build.Instant("2027-06-01 01:30Z")], runs);
    }

    [Fact]
    public void Plan_AfterAYearDownOnAPerSecondSchedule_KeepsTheNewestLimitQuickly()
    {
        var perSecond = Schedule.Cron("* * * * * *");
        var now = Build.Instant("2027-06-01 12:00Z");
        var clock = Stopwatch.StartNew();

        var runs = CatchupPlanner.Plan(perSecond, new CatchupPolicy(CatchupMode.All, null), now.AddYears(-1), now, limit: 100);

        Assert.Equal(100, runs.Count);
        Assert.Equal(now.AddSeconds(-99), runs[0]);
        Assert.Equal(now, runs[^1]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Plan_OfAllWithSparseOldFires_LooksBackToTheWatermark()
    {
        var yearly = Schedule.Cron("@yearly");

        var runs = CatchupPlanner.Plan(yearly, new CatchupPolicy(CatchupMode.All, null), Build.Instant("2020-06-01 00:00Z"), Build.Instant("2027-06-01 00:00Z"), limit: 3);

        Assert.Equal([Build.Instant("2025-01-01 00:00Z"), Build.Instant("2026-01-01 00:00Z"), Build.Instant("2027-01-01 00:00Z")], runs);
    }
}
