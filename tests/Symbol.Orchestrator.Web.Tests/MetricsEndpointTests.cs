using System.Net;
using System.Net.Http.Headers;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary><c>GET /metrics</c> of a real <c>orchestrator run</c>, scraped as Prometheus scrapes it.</summary>
public sealed class MetricsEndpointTests
{
    internal const string HelloFlow = """
        workflow hello {
            schedule every 2s
            job fetch { run ``` return 1; ``` }
            job store { run ``` return inputs.fetch + 1; ``` }
            fetch -> store
        }
        """;

    [Fact]
    public async Task AScrapeAfterARunCountsItsFireItsRunAndItsLatenessInThePrometheusFormat()
    {
        using var folder = HostFolder();
        using var host = HostProcess.Start(folder.File("orchestrator.json"));
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        host.WaitFor("of hello ended succeeded");

        // The run's end is counted as the log line is written; a scrape a moment later sees it.
        IReadOnlyList<PrometheusText.Sample> samples = [];
        await Wait.UntilAsync(() =>
        {
            samples = PrometheusText.Parse(client.GetStringAsync("/metrics").GetAwaiter().GetResult());
            return samples.Any(s => s.Name == "orchestrator_runs_total" && s["orchestrator_run_status"] == "succeeded");
        }, "orchestrator_runs_total{orchestrator_run_status=\"succeeded\"} in /metrics", () => host.Output);

        Assert.Contains(samples, s => s.Name == "orchestrator_fires_total" && s["orchestrator_workflow"] == "hello"
                                      && s["orchestrator_fire_outcome"] == "started" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "orchestrator_runs_total" && s["orchestrator_workflow"] == "hello" && s.Value >= 1);
        // The host's lateness as a whole, in buckets of seconds: not one histogram per workflow.
        var buckets = samples.Where(s => s.Name == "orchestrator_fire_lateness_seconds_bucket").ToList();
        Assert.All(buckets, b => Assert.Null(b["orchestrator_workflow"]));
        Assert.Contains(buckets, b => b["le"] == "0.05");
        Assert.True(buckets.Count > 2, $"the lateness histogram has {buckets.Count} bucket(s)");
        Assert.Equal("+Inf", buckets[^1]["le"]);
        // Cumulative: each bucket holds the ones below it, and the last holds every fire the histogram counted.
        Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
        // The scope's version has no build metadata: a series keeps its labels from one build to the next.
        Assert.All(samples.Where(s => s["otel_scope_version"] is not null), s => Assert.DoesNotContain("+", s["otel_scope_version"]));
        var count = Assert.Single(samples, s => s.Name == "orchestrator_fire_lateness_seconds_count");
        Assert.Equal(count.Value, buckets[^1].Value);
        Assert.True(count.Value >= 1);
    }

    [Fact]
    public async Task WithATokenAScrapeNeedsItAsABearerHeader()
    {
        using var folder = HostFolder();
        using var host = HostProcess.Start(new Dictionary<string, string> { ["ORCHESTRATOR_Http__Token"] = "scrape-token" },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "run", "--config", folder.File("orchestrator.json"));
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        host.WaitFor("Started: 1 workflows");

        using var refused = await client.GetAsync("/metrics");
        using var wrong = await client.SendAsync(Scrape("not-it"));
        using var answered = await client.SendAsync(Scrape("scrape-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("orchestrator_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("text/plain", answered.Content.Headers.ContentType?.MediaType);
        Assert.Contains(PrometheusText.Parse(await answered.Content.ReadAsStringAsync()),
            s => s.Name == "target_info" && s["service_name"] == "symbol-orchestrator");
    }

    [Fact]
    public void ABadOtlpEndpointStopsTheHostWithOneLineNamingTheSetting()
    {
        using var folder = HostFolder();
        using var host = HostProcess.Start(new Dictionary<string, string> { ["ORCHESTRATOR_Telemetry__Otlp__Endpoint"] = "collector:4317" },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "run", "--config", folder.File("orchestrator.json"));

        Assert.Equal(1, host.WaitForExit());
        Assert.Equal(["error: Orchestrator:Telemetry:Otlp:Endpoint 'collector:4317' must be an http:// or https:// address with a host, "
                      + "such as http://localhost:4317 (gRPC) or http://localhost:4318 (http/protobuf)"], host.Lines);
    }

    private static HttpRequestMessage Scrape(string token) =>
        new(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    internal static TempFolder HostFolder()
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("workflows"));
        File.WriteAllText(Path.Combine(folder.File("workflows"), "hello.flow"), HelloFlow);
        folder.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "workflows", "State": "state.db", "Data": "data" } }""");
        return folder;
    }
}
