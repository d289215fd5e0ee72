namespace Symbol.Orchestrator.Web.Tests;

/// <summary>A real <c>orchestrator run</c> with <c>Telemetry:Otlp:Endpoint</c> set, exporting to a collector by http/protobuf.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task ARunsSpansItsMetricsAndTheHostsLogsReachTheCollector()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        using var folder = MetricsEndpointTests.HostFolder();
        // Short export intervals through the SDK's own variables, so the test waits on arrivals, not on the defaults (5 s, 60 s).
        using var host = HostProcess.Start(new Dictionary<string, string>
            {
                ["ORCHESTRATOR_Telemetry__Otlp__Endpoint"] = collector.Url,
                ["ORCHESTRATOR_Telemetry__Otlp__Protocol"] = "http/protobuf",
                ["ORCHESTRATOR_Telemetry__ServiceName"] = "otlp-test-host",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "run", "--config", folder.File("orchestrator.json"));
        host.WaitFor("of hello ended succeeded");

        await Wait.UntilAsync(() => collector.Received("traces", "run hello") && collector.Received("traces", "job store"),
            "the spans 'run hello' and 'job store' at the collector", () => $"{collector.Summary()}\n{host.Output}");
        await Wait.UntilAsync(() => collector.Received("metrics", "orchestrator.runs"), "the metric orchestrator.runs at the collector", collector.Summary);
        await Wait.UntilAsync(() => collector.Received("logs", "of hello ended succeeded"), "the run's end in the logs at the collector", collector.Summary);

        Assert.True(collector.Received("traces", "otlp-test-host"), "the spans name the service");
        Assert.True(collector.Received("metrics", "orchestrator.fire.lateness"));
        // Every signal went by http/protobuf, to its own path under the endpoint.
        Assert.All(["traces", "metrics", "logs"], signal => Assert.Equal(["application/x-protobuf"], collector.ContentTypes(signal)));
        // Job lines are off the console without --verbose, yet still reach the collector.
        Assert.Equal(0, host.Count("Job store of run"));
        await Wait.UntilAsync(() => collector.Received("logs", "Job store of run"), "the job's log line at the collector", collector.Summary);
    }
}
