using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>
/// Two real hosts on one PostgreSQL database, each with its own API: each serves the same view of the store (docs/api.md),
/// and what is asked of one (a trigger, a pause, a cancel, a retry) is seen through the other.
/// </summary>
public sealed class TwoHostsApiTests
{
    private const string Flows = """
        workflow quick {
            job extract { run ``` return 2; ``` }
            job load { run ``` return inputs.extract * 3; ``` }
            extract -> load
        }
        workflow slow {
            job nap { timeout 10m  run ``` files.write("nap.txt", "1"); sleep(60000); ``` }
        }
        workflow yearly {
            schedule cron "0 3 1 1 *"
            job tick { run ``` return 1; ``` }
        }
        """;

    [PostgresFact]
    public async Task EachHostServesTheRunsPausesCancelsAndRetriesAskedOfTheOther()
    {
        await using var hosts = await PostgresHosts.CreateAsync(["host-a", "host-b"]);
        hosts.WriteFlow("flows.flow", Flows);
        hosts.Start();
        using var a = Client(hosts["host-a"]);
        using var b = Client(hosts["host-b"]);

        // A run triggered through A, which runs it: B lists it at once, then shows it as A does, to the byte.
        var (triggered, trigger) = await PostAsync(a, "/api/workflows/quick/trigger");
        Assert.Equal(202, triggered);
        var runId = trigger.GetProperty("runId").GetString()!;
        Assert.Equal(runId, (await a.GetFromJsonAsync<JsonElement>("/api/runs?workflow=quick")).GetProperty("runs")[0].GetProperty("runId").GetString());
        Assert.Equal(runId, (await b.GetFromJsonAsync<JsonElement>("/api/runs?workflow=quick")).GetProperty("runs")[0].GetProperty("runId").GetString());
        await Wait.UntilAsync(() => Status(b, runId) == "succeeded", $"host B to show {runId} succeeded", hosts.Output);
        var run = await b.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        Assert.Equal([("extract", "succeeded", "2"), ("load", "succeeded", "6")],
            run.GetProperty("jobs").EnumerateArray().Select(j => (j.GetProperty("name").GetString(), j.GetProperty("status").GetString(), j.GetProperty("output").GetRawText())));
        Assert.All(run.GetProperty("jobs").EnumerateArray(), j => Assert.Equal("host-a", j.GetProperty("host").GetString()));
        Assert.Equal(await a.GetStringAsync($"/api/runs/{runId}"), await b.GetStringAsync($"/api/runs/{runId}"));
        Assert.Equal(await a.GetStringAsync("/api/runs"), await b.GetStringAsync("/api/runs"));
        var quick = Workflow(await b.GetFromJsonAsync<JsonElement>("/api/workflows"), "quick").GetProperty("lastRun");
        Assert.Equal((runId, "succeeded"), (quick.GetProperty("runId").GetString(), quick.GetProperty("status").GetString()));

        // Paused through B: A's list says so at once, and A's scheduler takes the pause up from the store.
        var (paused, pause) = await PostAsync(b, "/api/workflows/yearly/pause");
        Assert.Equal(200, paused);
        var yearly = Workflow(await a.GetFromJsonAsync<JsonElement>("/api/workflows"), "yearly");
        Assert.True(yearly.GetProperty("paused").GetBoolean());
        Assert.Equal(pause.GetProperty("since").GetString(), yearly.GetProperty("pausedSince").GetString());
        hosts["host-a"].WaitFor("Paused yearly (since ");

        // A long run triggered through A, cancelled through B: A, which runs it, stops it, and both show it cancelled.
        var (_, slow) = await PostAsync(a, "/api/workflows/slow/trigger");
        var slowId = slow.GetProperty("runId").GetString()!;
        Wait.Until(() => File.Exists(hosts.DataFile("nap.txt")), "the slow job to start on host A", hosts.Output);
        var (cancelled, cancel) = await PostAsync(b, $"/api/runs/{slowId}/cancel");
        Assert.Equal(202, cancelled);
        Assert.Equal("running", cancel.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, cancel.GetProperty("cancelRequestedAt").ValueKind);
        await Wait.UntilAsync(() => Status(a, slowId) == "cancelled", $"host A to show {slowId} cancelled", hosts.Output);
        var stopped = await b.GetFromJsonAsync<JsonElement>($"/api/runs/{slowId}");
        Assert.Equal(("cancelled", "cancelled", "host-a"), (stopped.GetProperty("status").GetString(),
            stopped.GetProperty("jobs")[0].GetProperty("status").GetString(), stopped.GetProperty("jobs")[0].GetProperty("host").GetString()));
        Assert.Equal(await a.GetStringAsync($"/api/runs/{slowId}"), await b.GetStringAsync($"/api/runs/{slowId}"));
        var (again, refused) = await PostAsync(b, $"/api/runs/{slowId}/cancel");
        Assert.Equal((409, $"run {slowId} has already finished (cancelled); only a pending or running run can be cancelled"),
            (again, refused.GetProperty("error").GetString()));

        // A's run retried through B: B runs the job again, and A shows B's attempt after its own.
        var (retried, _) = await PostAsync(b, $"/api/runs/{runId}/retry", """{ "job": "load" }""");
        Assert.Equal(202, retried);
        await Wait.UntilAsync(() => Status(a, runId) == "succeeded" && Attempts(a, runId, "load") == 2, $"host A to show {runId}'s load run twice", hosts.Output);
        var load = (await a.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}")).GetProperty("jobs")[1];
        Assert.Equal(["host-a", "host-b"], load.GetProperty("attemptHistory").EnumerateArray().Select(t => t.GetProperty("host").GetString()));
        Assert.Equal(await a.GetStringAsync($"/api/runs/{runId}"), await b.GetStringAsync($"/api/runs/{runId}"));

        hosts.StopAll();
    }

    private static HttpClient Client(HostProcess host) => new() { BaseAddress = new Uri(host.Url) };

    // As a script posts: with a bearer header, which needs no anti-forgery token on a host without one (docs/api.md).
    private static async Task<(int Status, JsonElement Body)> PostAsync(HttpClient client, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "script");
        if (json is not null)
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string? Status(HttpClient client, string runId) =>
        client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}").GetAwaiter().GetResult().GetProperty("status").GetString();

    private static int Attempts(HttpClient client, string runId, string job) =>
        client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}").GetAwaiter().GetResult().GetProperty("jobs").EnumerateArray()
            .Single(j => j.GetProperty("name").GetString() == job).GetProperty("attemptHistory").GetArrayLength();

    private static JsonElement Workflow(JsonElement list, string name) =>
        list.GetProperty("workflows").EnumerateArray().Single(w => w.GetProperty("name").GetString() == name);
}
