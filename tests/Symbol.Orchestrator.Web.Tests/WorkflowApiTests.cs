using System.Text.Json;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Tests;

public sealed class WorkflowApiTests
{
    internal static readonly Dictionary<string, string> Flows = new()
    {
        ["etl.flow"] = """
            workflow etl_daily {
                schedule cron "0 2 * * *"
                timezone "Europe/Berlin"
                concurrency 2
                job extract { run ``` return 1; ``` }
                job transform { run ``` return 2; ``` }
                job load { run ``` return 3; ``` }
                extract -> transform -> load
                on failure { run ``` log("alert"); ``` }
            }
            """,
        ["ping.flow"] = """
            workflow ping {
                schedule every 2s
                job check { run ``` return "pong"; ``` }
            }
            """,
    };

    [Fact]
    public async Task WorkflowsAreListedByNameWithScheduleInWordsNextFiresPauseAndLastRun()
    {
        await using var host = await ApiHost.StartAsync(Flows);
        await host.Store.SetPausedAsync("ping", true, ApiHost.Now);
        var run = await StoredRuns.CreateAsync(host, "etl_daily", ApiHost.Now.AddDays(-1));
        await StoredRuns.EndAsync(host, run, RunStatus.Failed);

        var (status, body) = await host.GetJsonAsync("/api/workflows");

        Assert.Equal(200, status);
        var workflows = body.GetProperty("workflows").EnumerateArray().ToArray();
        Assert.Equal(["etl_daily", "ping"], workflows.Select(w => w.GetProperty("name").GetString()));
        var etl = workflows[0];
        Assert.Equal("Europe/Berlin", etl.GetProperty("timezone").GetString());
        Assert.Equal(["cron \"0 2 * * *\""], Strings(etl.GetProperty("schedules")));
        Assert.Equal(["every day at 02:00"], Strings(etl.GetProperty("schedulesInWords")));
        // The next fires in the workflow's zone: 02:00 in Berlin is 01:00 UTC in March.
        Assert.Equal("2027-03-02T02:00:00+01:00", Strings(etl.GetProperty("next"))[0]);
        Assert.Equal(5, etl.GetProperty("next").GetArrayLength());
        Assert.Equal((2, "skip", 3), (etl.GetProperty("concurrency").GetInt32(), etl.GetProperty("overlap").GetString(), etl.GetProperty("jobs").GetInt32()));
        Assert.False(etl.GetProperty("paused").GetBoolean());
        Assert.Equal((run.RunId, "failed"), (etl.GetProperty("lastRun").GetProperty("runId").GetString(), etl.GetProperty("lastRun").GetProperty("status").GetString()));
        var ping = workflows[1];
        Assert.Equal(["every 2 seconds"], Strings(ping.GetProperty("schedulesInWords")));
        Assert.True(ping.GetProperty("paused").GetBoolean());
        Assert.Equal("2027-03-01T12:00:01+00:00", ping.GetProperty("pausedSince").GetString());
        Assert.Equal(JsonValueKind.Null, ping.GetProperty("lastRun").ValueKind);
    }

    [Fact]
    public async Task OneWorkflowAddsItsPlanGraphJobsHandlersAndNextFiresAsAsked()
    {
        await using var host = await ApiHost.StartAsync(Flows);

        var (status, etl) = await host.GetJsonAsync("/api/workflows/etl_daily?count=3");

        Assert.Equal(200, status);
        Assert.Equal(3, etl.GetProperty("next").GetArrayLength());
        Assert.Equal([["extract"], ["transform"], ["load"]], etl.GetProperty("plan").EnumerateArray().Select(Strings));
        Assert.Equal([["extract", "transform"], ["transform", "load"]], etl.GetProperty("edges").EnumerateArray().Select(Strings));
        Assert.Equal(["transform"], Strings(etl.GetProperty("jobs")[2].GetProperty("needs")));
        Assert.Equal("on failure", etl.GetProperty("handlers")[0].GetProperty("name").GetString());
        Assert.StartsWith("flowchart LR", etl.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
        Assert.True(etl.GetProperty("diagnostics").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task AnUnknownWorkflowIsA404ThatSuggestsTheNearName()
    {
        await using var host = await ApiHost.StartAsync(Flows);

        var (status, body) = await host.GetJsonAsync("/api/workflows/etl_dayly");

        Assert.Equal(404, status);
        Assert.Equal("no workflow named etl_dayly; did you mean etl_daily?", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("0", "count must be from 1 to 1000 (found 0)")]
    [InlineData("1001", "count must be from 1 to 1000 (found 1001)")]
    [InlineData("ten", "count must be from 1 to 1000 (found ten)")]
    public async Task ABadCountIsA400NamingTheField(string count, string error)
    {
        await using var host = await ApiHost.StartAsync(Flows);

        var (status, body) = await host.GetJsonAsync($"/api/workflows/etl_daily?count={count}");

        Assert.Equal((400, error), (status, body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task DiagnosticsListTheFoldersErrorsAsPathLineColumnWhileTheLastGoodVersionRuns()
    {
        var flows = new Dictionary<string, string>(Flows) { ["broken.flow"] = "workflow broken {\n    shedule every 1m\n    job a { run ``` return 1; ``` }\n}\n" };
        await using var host = await ApiHost.StartAsync(flows);

        var (status, body) = await host.GetJsonAsync("/api/diagnostics");

        Assert.Equal(200, status);
        Assert.False(body.GetProperty("ok").GetBoolean());
        var broken = body.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString()!.EndsWith("broken.flow", StringComparison.Ordinal));
        var error = broken.GetProperty("errors")[0];
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal($"{Path.Combine(host.Workflows, "broken.flow")}:2:5: {error.GetProperty("message").GetString()}", error.GetProperty("text").GetString());
        Assert.Contains("did you mean 'schedule'", error.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    internal static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
