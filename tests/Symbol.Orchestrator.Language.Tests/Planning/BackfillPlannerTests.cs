using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Language.Tests.Planning;

public class BackfillPlannerTests
{
    private static IReadOnlyList<DateTimeOffset> Instants(string zone, string[] schedules, string from, string to) =>
        BackfillPlanner.Plan(Build.Workflow(zone, schedules, CatchupPolicy.Default).Schedule!, Build.Instant(from), Build.Instant(to)).Instants;

    [Theory]
    // Both ends are included; an instant just outside is not.
    [InlineData("2027-06-01 00:00Z", "2027-06-03 00:00Z", new[] { "2027-06-01 00:00Z", "2027-06-02 00:00Z", "2027-06-03 00:00Z" })]
    [InlineData("2027-06-01 00:01Z", "2027-06-02 23:59Z", new[] { "2027-06-02 00:00Z" })]
    [InlineData("2027-06-01 00:01Z", "2027-06-01 23:59Z", new string[0])]
    public void Plan_TakesTheFiresInTheRangeBothEndsIncluded(string from, string to, string[] expected) =>
        Assert.Equal(expected.Select(Build.Instant), Instants("UTC", ["cron \"0 0 * * *\""], from, to));

    [Fact]
    public void Plan_FiresAsTheSchedulerDoesAcrossDst()
    {
        // Berlin springs forward on 2027-03-28: 02:30 does not exist, and the fire is at 03:00 CEST (01:00Z).
        var instants = Instants("Europe/Berlin", ["cron \"30 2 * * *\""], "2027-03-27 00:00Z", "2027-03-29 12:00Z");

        Assert.Equal(["2027-03-27 01:30Z", "2027-03-28 01:00Z", "2027-03-29 00:30Z"], instants.Select(i => i.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'")));
    }

    [Fact]
    public void Plan_TakesTheUnionOfTheSchedulesEachInstantOnce()
    {
        var instants = Instants("UTC", ["cron \"0 */12 * * *\"", "cron \"0 0 * * *\"", "at \"2027-06-01T06:00Z\""], "2027-06-01 00:00Z", "2027-06-01 23:00Z");

        Assert.Equal(["2027-06-01 00:00Z", "2027-06-01 06:00Z", "2027-06-01 12:00Z"], instants.Select(i => i.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'")));
    }

    [Fact]
    public void Plan_StopsAtTheCapAndEstimatesHowManyTheRangeHolds()
    {
        var schedule = Build.Workflow("UTC", ["every 1s"], CatchupPolicy.Default).Schedule!;
        var from = Build.Instant("2017-01-01 00:00Z");

        var plan = BackfillPlanner.Plan(schedule, from, from.AddYears(10), max: 1000);

        Assert.Equal(1000, plan.Instants.Count);
        // Ten years of seconds (3,652 days), both ends included: on a regular grid the estimate is exact.
        Assert.Equal(315_532_801, plan.Over);
        Assert.Null(BackfillPlanner.Plan(schedule, from, from.AddSeconds(999), max: 1000).Over);
    }
}
