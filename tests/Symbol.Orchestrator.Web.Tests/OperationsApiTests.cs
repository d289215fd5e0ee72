using System.Globalization;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>
/// The operations of docs/api.md on a running host, on the fake clock, with the real script runner: trigger, retry, cancel,
/// pause, backfill, each with good input and with what a user gets wrong (400 naming the field, 404 with a near name, 409).
/// </summary>
public sealed class OperationsApiTests
{
    private const string Flows = """
        workflow hello {
            params { "who": "world" }
            job greet { run ``` log("hello " + params.who); return "hello " + params.who; ``` }
        }
        workflow slow {
            job wait { timeout 10m run ``` sleep(600000); return 1; ``` }
            job after { run ``` return 2; ``` }
            wait -> after
        }
        workflow flaky {
            job first { run ``` return 1; ``` }
            job second { run ``` if (!files.exists("go")) throw new Error("not yet"); return 2; ``` }
            first -> second
        }
        workflow hourly {
            schedule cron "30 * * * *"
            job tick { run ``` return 1; ``` }
        }
        """;

    private static Task<ApiHost> StartAsync() => ApiHost.StartAsync(new Dictionary<string, string> { ["all.flow"] = Flows });

    [Fact]
    public async Task ATriggerWithParamsAnswersWithTheRunIdAtOnceAndTheHostRunsItToSuccess()
    {
        await using var host = await StartAsync();

        var (status, body) = await host.PostAsync("/api/workflows/hello/trigger", """{ "params": { "who": "api" } }""");

        Assert.Equal(202, status);
        var runId = body.GetProperty("runId").GetString()!;
        Assert.StartsWith("hello@manual-", runId);
        var run = await host.RunInAsync(runId, RunStatus.Succeeded);
        Assert.Equal(RunTrigger.Manual, run.Trigger);
        var (_, report) = await host.GetJsonAsync($"/api/runs/{Uri.EscapeDataString(runId)}");
        var greet = report.GetProperty("jobs")[0];
        Assert.Equal(("succeeded", "hello api"), (greet.GetProperty("status").GetString(), greet.GetProperty("output").GetString()));
        // No body at all is a trigger with the workflow's own params.
        var (_, plain) = await host.PostAsync("/api/workflows/hello/trigger");
        Assert.Equal(RunStatus.Succeeded, (await host.RunInAsync(plain.GetProperty("runId").GetString()!, RunStatus.Succeeded)).Status);
    }

    [Theory]
    [InlineData("/api/workflows/helo/trigger", "{}", 404, "no workflow named helo; did you mean hello?")]
    [InlineData("/api/workflows/hello/trigger", "{ \"params\": [1, 2] }", 400, "params must be a JSON object of names to values, as a workflow's params are (found array)")]
    [InlineData("/api/workflows/hello/trigger", "{ \"parms\": { \"who\": \"x\" } }", 400, "the body is not the JSON expected at parms: no such field: 'parms'")]
    [InlineData("/api/workflows/hello/trigger", "{ \"force\": \"yes\" }", 400, "the body is not the JSON expected at force: a value of the wrong type for this field")]
    [InlineData("/api/workflows/hello/trigger", "not json", 400, "the body is not the JSON expected")]
    [InlineData("/api/runs/hello@nope/retry", "{}", 404, "no run hello@nope")]
    [InlineData("/api/runs/hello@nope/cancel", null, 404, "no run hello@nope")]
    [InlineData("/api/workflows/helo/pause", null, 404, "no workflow named helo; did you mean hello?")]
    [InlineData("/api/workflows/hourly/backfill", "{ \"to\": \"2027-03-01T11:00:00Z\" }", 400, "from is required")]
    [InlineData("/api/workflows/hourly/backfill", "{ \"from\": \"last week\", \"to\": \"2027-03-01T11:00:00Z\" }", 400, "\"from\" is not an ISO 8601 instant ('last week')")]
    [InlineData("/api/workflows/hourly/backfill", "{ \"from\": \"2027-03-01T11:00:00Z\", \"to\": \"2027-03-01T10:00:00Z\" }", 400,
        "\"to\" 2027-03-01T10:00:00+00:00 is before \"from\" 2027-03-01T11:00:00+00:00")]
    [InlineData("/api/workflows/hourly/backfill", "{ \"from\": \"2027-03-01T11:00:00Z\", \"to\": \"2027-03-02T00:00:00Z\" }", 400, "\"to\" 2027-03-02T00:00:00+00:00 is in the future")]
    [InlineData("/api/workflows/hello/backfill", "{ \"from\": \"2027-03-01T11:00:00Z\", \"to\": \"2027-03-01T11:30:00Z\" }", 409, "workflow 'hello' has no schedule")]
    [InlineData("/api/workflows/hourly/backfill", "{ \"from\": \"2027-03-01T11:00:00Z\", \"to\": \"2027-03-01T11:30:00Z\", \"dry\": true }", 400, "dry")]
    public async Task ABadRequestIsRefusedWithOneLineSayingWhy(string path, string? json, int expected, string error)
    {
        await using var host = await StartAsync();

        var (status, body) = await host.PostAsync(path, json);

        Assert.Equal(expected, status);
        Assert.True(body.Error().Contains(error, StringComparison.Ordinal), body.Error());
        Assert.DoesNotContain("\n", body.Error());
        // Said in the API's words, not .NET's.
        Assert.DoesNotContain("System.", body.Error());
        Assert.DoesNotContain("Symbol.Orchestrator", body.Error());
        // Nothing was started by a refused request.
        Assert.Empty(await host.Store.ListRunsAsync(null, 10));
    }

    [Fact]
    public async Task ATriggerAtTheConcurrencyLimitIsAConflictUnlessForcedAndCancelStopsALongRunAtOnce()
    {
        await using var host = await StartAsync();
        var first = (await host.PostAsync("/api/workflows/slow/trigger")).Body.GetProperty("runId").GetString()!;
        await Wait.UntilAsync(() => host.Store.GetJobsAsync(first).GetAwaiter().GetResult()[0].Status == JobStatus.Running, "the long job to start");

        var (limited, refusal) = await host.PostAsync("/api/workflows/slow/trigger");
        Assert.Equal(409, limited);
        Assert.Equal($"workflow slow is at its concurrency limit (1): active {first}; wait for one to end, or trigger with \"force\": true", refusal.Error());
        var (retryActive, retryRefusal) = await host.PostAsync($"/api/runs/{first}/retry", "{}");
        Assert.Equal((409, $"run {first} is still running; only a finished run can be retried"), (retryActive, retryRefusal.Error()));
        var (forced, second) = await host.PostAsync("/api/workflows/slow/trigger", """{ "force": true }""");
        Assert.Equal(202, forced);

        var (cancelled, report) = await host.PostAsync($"/api/runs/{first}/cancel");

        Assert.Equal(202, cancelled);
        Assert.Equal((first, ApiHost.Now), (report.GetProperty("runId").GetString(), report.GetProperty("cancelRequestedAt").GetDateTimeOffset()));
        // The fake clock does not move: the host cancelled its own run without waiting for its next read of the store.
        await host.RunInAsync(first, RunStatus.Cancelled);
        var jobs = await host.Store.GetJobsAsync(first);
        Assert.Equal([JobStatus.Cancelled, JobStatus.Skipped], jobs.Select(j => j.Status));
        var (again, finished) = await host.PostAsync($"/api/runs/{first}/cancel");
        Assert.Equal((409, $"run {first} has already finished (cancelled); only a pending or running run can be cancelled"), (again, finished.Error()));
        await host.PostAsync($"/api/runs/{second.GetProperty("runId").GetString()}/cancel");
        await host.RunInAsync(second.GetProperty("runId").GetString()!, RunStatus.Cancelled);
    }

    [Fact]
    public async Task ARetryRunsTheFailedJobAgainReusingWhatSucceeded()
    {
        await using var host = await StartAsync();
        var runId = (await host.PostAsync("/api/workflows/flaky/trigger")).Body.GetProperty("runId").GetString()!;
        await host.RunInAsync(runId, RunStatus.Failed);
        var firstEnded = (await host.Store.GetJobsAsync(runId))[0].FinishedAt;

        var (unknownJob, unknown) = await host.PostAsync($"/api/runs/{runId}/retry", """{ "job": "secnod" }""");
        Assert.Equal(400, unknownJob);
        Assert.Contains("has no job 'secnod' (did you mean 'second'?)", unknown.Error());

        File.WriteAllText(Path.Combine(Path.GetDirectoryName(host.Workflows)!, "data", "go"), "");
        var (status, body) = await host.PostAsync($"/api/runs/{runId}/retry", """{ "job": "second" }""");

        Assert.Equal((202, runId), (status, body.GetProperty("runId").GetString()));
        await host.RunInAsync(runId, RunStatus.Succeeded);
        var jobs = await host.Store.GetJobsAsync(runId);
        // The job that succeeded before is not run again.
        Assert.Equal((1, firstEnded), (jobs[0].Attempts, jobs[0].FinishedAt));
        Assert.Equal((JobStatus.Succeeded, 2), (jobs[1].Status, jobs[1].LastAttempt));
        var (nothing, refusal) = await host.PostAsync($"/api/runs/{runId}/retry");
        Assert.Equal(409, nothing);
        Assert.StartsWith($"nothing to retry: run {runId} succeeded", refusal.Error());
    }

    [Fact]
    public async Task PauseAndUnpauseAnswerAsTheVerbsDoAndShowInTheWorkflowsList()
    {
        await using var host = await StartAsync();

        var (status, paused) = await host.PostAsync("/api/workflows/hourly/pause");

        Assert.Equal(200, status);
        var since = ApiHost.Now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        Assert.Equal($$"""{"workflow":"hourly","paused":true,"since":"{{since}}","changed":true}""", paused.GetRawText());
        Assert.False((await host.PostAsync("/api/workflows/hourly/pause")).Body.GetProperty("changed").GetBoolean());
        var (_, detail) = await host.GetJsonAsync("/api/workflows/hourly");
        Assert.True(detail.GetProperty("paused").GetBoolean());
        var (_, unpaused) = await host.PostAsync("/api/workflows/hourly/unpause");
        Assert.Equal("""{"workflow":"hourly","paused":false,"since":null,"changed":true}""", unpaused.GetRawText());
    }

    [Fact]
    public async Task ABackfillListsItsInstantsOnADryRunThenQueuesRunsTheHostTakes()
    {
        await using var host = await StartAsync();
        const string Range = """ "from": "2027-03-01T09:00:00Z", "to": "2027-03-01T11:59:00Z" """;

        var (dryStatus, dry) = await host.PostAsync("/api/workflows/hourly/backfill", $$"""{ {{Range}}, "dryRun": true }""");

        Assert.Equal(200, dryStatus);
        Assert.Equal(["new", "new", "new"], dry.GetProperty("instants").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.Empty(await host.Store.ListRunsAsync("hourly", 10));

        var (status, report) = await host.PostAsync("/api/workflows/hourly/backfill", $$"""{ {{Range}} }""");

        Assert.Equal(202, status);
        Assert.Equal((3, 0, false), (report.GetProperty("queued").GetInt32(), report.GetProperty("existing").GetInt32(), report.GetProperty("dryRun").GetBoolean()));
        Assert.Equal("hourly@2027-03-01T09:30:00Z", report.GetProperty("instants")[0].GetProperty("runId").GetString());
        foreach (var instant in report.GetProperty("instants").EnumerateArray())
            Assert.Equal(RunTrigger.Backfill, (await host.RunInAsync(instant.GetProperty("runId").GetString()!, RunStatus.Succeeded)).Trigger);
        var (_, again) = await host.PostAsync("/api/workflows/hourly/backfill", $$"""{ {{Range}}, "dryRun": true }""");
        Assert.Equal(["succeeded", "succeeded", "succeeded"], again.GetProperty("instants").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
    }
}
