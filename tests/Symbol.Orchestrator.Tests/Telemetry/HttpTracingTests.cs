using System.Diagnostics;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;
using Symbol.Orchestrator.Tests.Scripting;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Telemetry;

/// <summary>A script's <c>http</c> call is a client span of its attempt, and its request carries that span's <c>traceparent</c> to the server.</summary>
public sealed class HttpTracingTests
{
    [Fact]
    public async Task AScriptsHttpCallIsAClientSpanWhoseTraceparentReachesTheServer()
    {
        using var spans = new SpanCapture();
        using var server = new HeaderRecordingServer();
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["127.0.0.1"] });
        await using var h = await CreateAsync();
        var flow = Flow($$"""workflow traced_http { job fetch { run ```return http.get('{{server.Url}}rows?page=2').status;``` } }""");

        var run = (await h.Executor(runner: sandbox.Runner).StartAsync(flow, RunTrigger.Manual, T0))!;

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var all = spans.Of("traced_http");
        var attempt = Assert.Single(all, s => s.DisplayName == "job fetch");
        var call = Assert.Single(all, s => s.Kind == ActivityKind.Client);
        Assert.Equal(("GET", attempt.TraceId, attempt.SpanId), (call.DisplayName, call.TraceId, call.ParentSpanId));
        Assert.Equal(("GET", $"{server.Url}rows?page=2", "127.0.0.1", 200),
            ((string?)call.GetTagItem(TelemetryTags.HttpRequestMethod), (string?)call.GetTagItem(TelemetryTags.UrlFull),
             (string?)call.GetTagItem(TelemetryTags.ServerAddress), (int?)call.GetTagItem(TelemetryTags.HttpResponseStatusCode)));
        // Exactly this span's context, once: HttpClient adds none of its own beside it.
        Assert.Equal(call.Id, Assert.Single(server.Requests)["traceparent"]);
    }
}
