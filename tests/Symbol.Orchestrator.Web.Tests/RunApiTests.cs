using System.Text.Json;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Tests;

public sealed class RunApiTests
{
    private static readonly Dictionary<string, string> Flows = WorkflowApiTests.Flows;

    [Fact]
    public async Task RunsAreNewestScheduledFirstAndFilterByWorkflowAndStatus()
    {
        await using var host = await ApiHost.StartAsync(Flows);
        var old = await StoredRuns.CreateAsync(host, "etl_daily", ApiHost.Now.AddDays(-2));
        await StoredRuns.EndAsync(host, old, RunStatus.Succeeded);
        var failed = await StoredRuns.CreateAsync(host, "etl_daily", ApiHost.Now.AddDays(-1));
        await StoredRuns.EndAsync(host, failed, RunStatus.Failed);
        var ping = await StoredRuns.CreateAsync(host, "ping", ApiHost.Now.AddHours(-1));

        Assert.Equal([ping.RunId, failed.RunId, old.RunId], await RunIdsAsync(host, "/api/runs"));
        Assert.Equal([failed.RunId, old.RunId], await RunIdsAsync(host, "/api/runs?workflow=etl_daily"));
        Assert.Equal([failed.RunId], await RunIdsAsync(host, "/api/runs?workflow=etl_daily&status=failed"));
        Assert.Equal([ping.RunId], await RunIdsAsync(host, "/api/runs?status=running"));
        var (_, body) = await host.GetJsonAsync("/api/runs?limit=1");
        var first = body.GetProperty("runs")[0];
        Assert.Equal(("ping", "running", "schedule"), (first.GetProperty("workflow").GetString(), first.GetProperty("status").GetString(), first.GetProperty("trigger").GetString()));
        Assert.Equal("2027-03-01T11:00:01+00:00", first.GetProperty("scheduledAt").GetString());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task PagingNeitherRepeatsNorSkipsARunWhileNewRunsArrive()
    {
        await using var host = await ApiHost.StartAsync(Flows);
        for (var hour = 1; hour <= 7; hour++)
            await StoredRuns.CreateAsync(host, "etl_daily", ApiHost.Now.AddHours(-hour));
        var expected = await RunIdsAsync(host, "/api/runs?limit=100");

        var seen = new List<string>();
        string? next = null;
        var arrivals = 0;
        do
        {
            var (status, body) = await host.GetJsonAsync("/api/runs?limit=3" + (next is null ? "" : "&before=" + Uri.EscapeDataString(next)));
            Assert.Equal(200, status);
            seen.AddRange(body.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()!));
            next = body.GetProperty("next").GetString();
            // A new run arrives between pages, newer than any: it belongs to a page before the first.
            await StoredRuns.CreateAsync(host, "ping", ApiHost.Now.AddMinutes(++arrivals));
        }
        while (next is not null);

        Assert.Equal(7, expected.Length);
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("limit=0", "limit must be from 1 to 500 (found 0)")]
    [InlineData("limit=501", "limit must be from 1 to 500 (found 501)")]
    [InlineData("limit=many", "limit must be from 1 to 500 (found many)")]
    [InlineData("status=done", "status must be one of pending, running, succeeded, failed, cancelled (found done)")]
    [InlineData("before=not-a-cursor", "before must be a cursor a page of runs gave as its next (found not-a-cursor)")]
    public async Task BadQueryValuesAreA400NamingTheField(string query, string error)
    {
        await using var host = await ApiHost.StartAsync(Flows);

        var (status, body) = await host.GetJsonAsync("/api/runs?" + query);

        Assert.Equal((400, error), (status, body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task ARunIsShownAsShowJsonWithItsEdgesAndMarkupInItsOutputStaysAString()
    {
        await using var host = await ApiHost.StartAsync(Flows);
        var run = await StoredRuns.CreateAsync(host, "etl_daily", ApiHost.Now.AddDays(-1));
        await StoredRuns.SucceedAsync(host, run, "extract", """{"html":"<script>alert(1)</script>"}""", "<img src=x onerror=alert(1)>");

        using var response = await host.Client.GetAsync($"/api/runs/{Uri.EscapeDataString(run.RunId)}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal((run.RunId, "running"), (body.GetProperty("runId").GetString(), body.GetProperty("status").GetString()));
        var extract = body.GetProperty("jobs")[0];
        Assert.Equal("<script>alert(1)</script>", extract.GetProperty("output").GetProperty("html").GetString());
        Assert.Equal(["<img src=x onerror=alert(1)>"], WorkflowApiTests.Strings(extract.GetProperty("logs")));
        Assert.Equal(["extract", "transform", "load"], body.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("name").GetString()));
        Assert.Equal("on failure", body.GetProperty("handlers")[0].GetProperty("name").GetString());
        Assert.Equal([["extract", "transform"], ["transform", "load"]], body.GetProperty("edges").EnumerateArray().Select(WorkflowApiTests.Strings));
    }

    [Fact]
    public async Task AnUnknownRunIsA404ThatSuggestsANearId()
    {
        await using var host = await ApiHost.StartAsync(Flows);
        var run = await StoredRuns.CreateAsync(host, "etl_daily", new DateTimeOffset(2027, 2, 28, 1, 0, 0, TimeSpan.Zero));

        var (status, body) = await host.GetJsonAsync("/api/runs/" + Uri.EscapeDataString("etl_daily@2027-02-28T01:00:01Z"));
        var (unknown, none) = await host.GetJsonAsync("/api/runs/nothing-like-it");

        Assert.Equal((404, $"no run etl_daily@2027-02-28T01:00:01Z; did you mean {run.RunId}?"), (status, body.GetProperty("error").GetString()));
        Assert.Equal((404, "no run nothing-like-it"), (unknown, none.GetProperty("error").GetString()));
    }

    private static async Task<string[]> RunIdsAsync(ApiHost host, string path)
    {
        var (status, body) = await host.GetJsonAsync(path);
        Assert.Equal(200, status);
        return body.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()!).ToArray();
    }
}
