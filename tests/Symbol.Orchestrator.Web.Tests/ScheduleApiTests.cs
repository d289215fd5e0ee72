namespace Symbol.Orchestrator.Web.Tests;

/// <summary><c>GET /api/schedule</c>: every workflow's fires in the coming hours in one answer, as the dashboard's timeline reads them.</summary>
public sealed class ScheduleApiTests
{
    [Fact]
    public async Task EveryWorkflowsFiresInTheWindowComeInOneAnswerInTheirZoneAndADenseOneSaysThereAreMore()
    {
        await using var host = await ApiHost.StartAsync(WorkflowApiTests.Flows);
        await host.Store.SetPausedAsync("ping", true, ApiHost.Now);

        var (status, body) = await host.GetJsonAsync("/api/schedule?hours=24");

        Assert.Equal(200, status);
        Assert.Equal(ApiHost.Now.AddHours(24), DateTimeOffset.Parse(body.GetProperty("until").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var workflows = body.GetProperty("workflows").EnumerateArray().ToArray();
        Assert.Equal(["etl_daily", "ping"], workflows.Select(w => w.GetProperty("name").GetString()));
        var etl = workflows[0];
        // 02:00 in Berlin, once in the next 24 hours, as the workflow's zone writes it.
        Assert.Equal(["2027-03-02T02:00:00+01:00"], etl.GetProperty("fires").EnumerateArray().Select(f => f.GetString()));
        Assert.False(etl.GetProperty("more").GetBoolean());
        Assert.Equal(["every day at 02:00"], etl.GetProperty("schedulesInWords").EnumerateArray().Select(f => f.GetString()));
        var ping = workflows[1];
        // Every 2 s is 43,200 fires a day: the first thousand, and "more".
        Assert.Equal(1000, ping.GetProperty("fires").GetArrayLength());
        Assert.True(ping.GetProperty("more").GetBoolean());
        Assert.True(ping.GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task ADstChangeAheadIsListedEvenBeyondTheWindowSoItIsKnownBeforeTheNight()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["night.flow"] = """
                workflow night {
                    schedule cron "30 2 * * *"
                    timezone "Europe/Berlin"
                    job a { run ``` return 1; ``` }
                }
                """,
        });

        var (_, body) = await host.GetJsonAsync("/api/schedule");

        var night = Assert.Single(body.GetProperty("workflows").EnumerateArray());
        Assert.Single(night.GetProperty("fires").EnumerateArray());
        // 28 March 2027: 02:30 does not exist in Berlin, four weeks after the window; then every change of its next 1,000 fires.
        var dst = night.GetProperty("dst").EnumerateArray().Select(d => $"{d.GetProperty("at").GetString()} {d.GetProperty("note").GetString()}").ToList();
        Assert.Equal("2027-03-28T03:00:00+02:00 02:30 does not exist (DST starts); fired at 03:00", dst[0]);
        Assert.Equal("2027-10-31T02:30:00+02:00 02:30 occurs twice (DST ends); fired once, the first time (+02:00)", dst[1]);
    }

    [Fact]
    public async Task AWindowOutsideOneHourToAWeekIsABadRequestNamingTheField()
    {
        await using var host = await ApiHost.StartAsync(WorkflowApiTests.Flows);

        var (status, body) = await host.GetJsonAsync("/api/schedule?hours=0");

        Assert.Equal(400, status);
        Assert.Equal("hours must be from 1 to 168 (found 0)", body.GetProperty("error").GetString());
    }
}
