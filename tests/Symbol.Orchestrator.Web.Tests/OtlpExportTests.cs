namespace Symbol.Orchestrator.Web.Tests;

/// <summary>A real <c>orchestrator run</c> with <c>Telemetry:Otlp:Endpoint</c> set, exporting to a collector by http/protobuf.</summary>
public sealed class OtlpExportTests
{
    // A script's log() is an Information line, its console.warn a Warning; "quiet" is done before "loud" starts.
    private const string LoggingFlow = """
        workflow hello {
            schedule every 2s
            job quiet { run ``` log("a quiet line"); return 1; ``` }
            job loud  { run ``` console.warn("a loud line"); return inputs.quiet + 1; ``` }
            quiet -> loud
        }
        """;

    [Fact]
    public async Task ARunsSpansItsMetricsAndTheHostsWarningsReachTheCollector_ItsInformationLinesDoNot()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        using var folder = HostFolder(logging: null);
        using var host = StartHost(collector, folder, "--verbose");
        host.WaitFor("of hello ended succeeded");

        await Wait.UntilAsync(() => collector.Received("traces", "run hello") && collector.Received("traces", "job loud"),
            "the spans 'run hello' and 'job loud' at the collector", () => $"{collector.Summary()}\n{host.Output}");
        await Wait.UntilAsync(() => collector.Received("metrics", "orchestrator.runs"), "the metric orchestrator.runs at the collector", collector.Summary);
        await Wait.UntilAsync(() => collector.Received("logs", "a loud line"), "the script's warning in the logs at the collector", collector.Summary);

        Assert.True(collector.Received("traces", "otlp-test-host"), "the spans name the service");
        Assert.True(collector.Received("metrics", "orchestrator.fire.lateness"));
        // Every signal went by http/protobuf, to its own path under the endpoint.
        Assert.All(["traces", "metrics", "logs"], signal => Assert.Equal(["application/x-protobuf"], collector.ContentTypes(signal)));
        // Information lines stay off the collector, even with --verbose showing them on the console: the fire and the
        // job "quiet" were logged before the warning, which has arrived (a batch keeps the order), and they have not.
        Assert.True(host.Count("a quiet line") > 0, "--verbose shows the script's log line on the console");
        Assert.False(collector.Received("logs", "a quiet line"), "a script's Information line was exported by default");
        Assert.False(collector.Received("logs", "Job quiet of run"), "a job's Information line was exported by default");
    }

    [Fact]
    public async Task TheLoggingSection_RaisesWhatTheCollectorGets()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        using var folder = HostFolder(logging: """{ "OpenTelemetry": { "LogLevel": { "Default": "Information" } } }""");
        using var host = StartHost(collector, folder);
        host.WaitFor("of hello ended succeeded");

        await Wait.UntilAsync(() => collector.Received("logs", "of hello ended succeeded") && collector.Received("logs", "a quiet line"),
            "the run's end and the script's log line at the collector", collector.Summary);
        // The console keeps its own default: a job's lines only with --verbose.
        Assert.Equal(0, host.Count("a quiet line"));
    }

    [Fact]
    public async Task ARunTriggeredByTheCli_IsExportedBeforeTheVerbExits()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        using var folder = HostFolder(logging: null);
        using var trigger = HostProcess.Start(OtlpVariables(collector), "dotnet",
            Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "trigger", folder.File("workflows/hello.flow"), "--config", folder.File("orchestrator.json"));

        Assert.Equal(0, trigger.WaitForExit());
        // Disposing the verb's services exported the batch: the spans are there when the process has gone.
        Assert.True(collector.Received("traces", "run hello"), $"no span 'run hello' at the collector after trigger exited\n{collector.Summary()}\n{trigger.Output}");
        Assert.True(collector.Received("traces", "job loud"));
        Assert.True(collector.Received("traces", "manual"), "the run span says it was triggered by hand");
        Assert.True(collector.Received("metrics", "orchestrator.runs"), "the verb's metrics are exported at its end too");
    }

    private static TempFolder HostFolder(string? logging)
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("workflows"));
        File.WriteAllText(Path.Combine(folder.File("workflows"), "hello.flow"), LoggingFlow);
        var section = logging is null ? "" : $""", "Logging": {logging}""";
        folder.Write("orchestrator.json", $$"""{ "Orchestrator": { "Workflows": "workflows", "State": "state.db", "Data": "data" }{{section}} }""");
        return folder;
    }

    // Short export intervals through the SDK's own variables, so the tests wait on arrivals, not on the defaults (5 s, 60 s).
    private static HostProcess StartHost(FakeOtlpCollector collector, TempFolder folder, params string[] options) =>
        HostProcess.Start(OtlpVariables(collector),
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "run", .. options, "--config", folder.File("orchestrator.json")]);

    private static Dictionary<string, string> OtlpVariables(FakeOtlpCollector collector) => new()
            {
                ["ORCHESTRATOR_Telemetry__Otlp__Endpoint"] = collector.Url,
                ["ORCHESTRATOR_Telemetry__Otlp__Protocol"] = "http/protobuf",
                ["ORCHESTRATOR_Telemetry__ServiceName"] = "otlp-test-host",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            };
}
