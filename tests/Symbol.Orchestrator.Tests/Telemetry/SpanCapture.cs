using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Tests.Telemetry;

/// <summary>
/// The orchestrator's spans, as the OpenTelemetry SDK exports them (a tracer provider on the <c>Symbol.Orchestrator</c> source and
/// the in-memory exporter). Other tests run beside these and make spans too: read only those of your own workflow.
/// </summary>
internal sealed class SpanCapture : IDisposable
{
    private readonly List<Activity> _exported = [];
    private readonly TracerProvider _provider;

    public SpanCapture() =>
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(OrchestratorTelemetry.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_exported)
            .Build();

    /// <summary>The ended spans of <paramref name="workflow"/>'s runs and attempts, and of their scripts' http calls, in the order they ended.</summary>
    public IReadOnlyList<Activity> Of(string workflow)
    {
        lock (_exported)
        {
            var ofWorkflow = _exported.Where(a => a.GetTagItem(TelemetryTags.Workflow) as string == workflow).ToList();
            var ids = ofWorkflow.Select(a => a.SpanId).ToHashSet();
            return _exported.Where(a => ofWorkflow.Contains(a) || a.Kind == ActivityKind.Client && ids.Contains(a.ParentSpanId)).ToList();
        }
    }

    public void Dispose() => _provider.Dispose();
}
