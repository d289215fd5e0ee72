using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

/// <summary>
/// "Telemetry on" for a trial, wired as the host wires it with both exporters: the OpenTelemetry SDK in a web host of
/// its own, a TracerProvider on the <c>Symbol.Orchestrator</c> source sampling every trace (AlwaysOn) and exporting by
/// OTLP http/protobuf in batches, a MeterProvider on the <c>Symbol.Orchestrator</c> meter with a periodic OTLP reader
/// and the Prometheus exporter behind <c>GET /metrics</c> (no response cache, as the host serves it), scraped once a
/// second. Disposed at the trial's end, which flushes what is left and leaves nothing listening for the next "off" trial.
/// </summary>
internal sealed class TelemetryOn : IAsyncDisposable
{
    public const string Name = "Symbol.Orchestrator";

    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _scraper;
    private long _spansEnded;

    private TelemetryOn(Uri sink, TimeSpan metricInterval)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("symbol-orchestrator-bench"))
            .WithTracing(tracing => tracing
                .AddSource(Name)
                .SetSampler(new AlwaysOnSampler())
                .AddProcessor(new EndedSpans(this))
                .AddOtlpExporter(o => Otlp(o, sink, "traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(Name)
                .AddOtlpExporter((o, reader) =>
                {
                    Otlp(o, sink, "metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)metricInterval.TotalMilliseconds;
                })
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        _app = builder.Build();
        _app.MapPrometheusScrapingEndpoint();
        _app.Start();
        // Once started, the app's URLs are the addresses bound, port 0 resolved.
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _scraper = Task.Run(ScrapeAsync);
    }

    /// <param name="sink">The OTLP collector's base address.</param>
    /// <param name="metricInterval">The OTLP metric reader's export interval (the SDK's default is 60 s).</param>
    public static TelemetryOn Start(Uri sink, TimeSpan metricInterval) => new(sink, metricInterval);

    /// <summary>Spans the source ended while on (the sink's count falls short of it by what the batch queue dropped).</summary>
    public long SpansEnded => Interlocked.Read(ref _spansEnded);

    public int Scrapes { get; private set; }

    public int LastScrapeLines { get; private set; }

    public int LastScrapeBytes { get; private set; }

    private static void Otlp(OtlpExporterOptions options, Uri sink, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        // Set in code, the endpoint is used as it is: the signal's path is not appended as it is to OTEL_EXPORTER_OTLP_ENDPOINT.
        options.Endpoint = new Uri(sink, $"/v1/{signal}");
    }

    private async Task ScrapeAsync()
    {
        using var timer = new PeriodicTimer(ScrapeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var text = await _http.GetStringAsync("/metrics", _stop.Token);
                Scrapes++;
                LastScrapeBytes = text.Length;
                LastScrapeLines = text.Count(c => c == '\n');
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _scraper;
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stop.Dispose();
    }

    private sealed class EndedSpans(TelemetryOn owner) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => Interlocked.Increment(ref owner._spansEnded);
    }
}
