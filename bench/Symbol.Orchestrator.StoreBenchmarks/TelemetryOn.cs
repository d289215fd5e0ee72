using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

/// <summary>
/// "Telemetry on" for a trial, as an operator turns it on with both exporters: a TracerProvider on the
/// <c>Symbol.Orchestrator</c> source sampling every trace, exporting by OTLP http/protobuf in batches, and a MeterProvider
/// on the <c>Symbol.Orchestrator</c> meter with a periodic OTLP reader and a pull reader scraped once a second in the
/// Prometheus text format (<see cref="PrometheusTextExporter"/>). Disposed at the trial's end, which flushes what is
/// left and leaves nothing listening for the next "off" trial.
/// </summary>
internal sealed class TelemetryOn : IDisposable
{
    public const string Name = "Symbol.Orchestrator";

    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;
    private readonly BaseExportingMetricReader _pull;
    private readonly Timer _scraper;
    private long _spansEnded;

    /// <param name="sink">The OTLP collector's base address.</param>
    /// <param name="metricInterval">The OTLP metric reader's export interval (the SDK's default is 60 s).</param>
    public TelemetryOn(Uri sink, TimeSpan metricInterval)
    {
        var resource = ResourceBuilder.CreateDefault().AddService("symbol-orchestrator-bench");
        _tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Name)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new EndedSpans(this))
            .AddOtlpExporter(o => Otlp(o, sink, "traces"))
            .Build();
        _pull = new BaseExportingMetricReader(Scrape);
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Name)
            .AddOtlpExporter((o, reader) =>
            {
                Otlp(o, sink, "metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)metricInterval.TotalMilliseconds;
            })
            .AddReader(_pull)
            .Build();
        _scraper = new Timer(_ => _pull.Collect(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public PrometheusTextExporter Scrape { get; } = new();

    /// <summary>Spans the source ended while on (the sink's count falls short of it by what the batch queue dropped).</summary>
    public long SpansEnded => Interlocked.Read(ref _spansEnded);

    private static void Otlp(OtlpExporterOptions options, Uri sink, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        // Set in code, the endpoint is used as it is: the signal's path is not appended as it is to OTEL_EXPORTER_OTLP_ENDPOINT.
        options.Endpoint = new Uri(sink, $"/v1/{signal}");
    }

    public void Dispose()
    {
        _scraper.Dispose();
        _tracing.Dispose();
        _metrics.Dispose();
    }

    private sealed class EndedSpans(TelemetryOn owner) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => Interlocked.Increment(ref owner._spansEnded);
    }
}
