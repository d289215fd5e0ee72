using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Web.Telemetry;

/// <summary>
/// "Telemetry on" for a trial: the host's own <see cref="OpenTelemetrySetup"/> with both exporters, in a web host of its
/// own: OTLP (http/protobuf) to the sink, traces of every run (the SDK's default sampler, parent-based always-on),
/// metrics through the host's views, and the Prometheus exporter behind <c>GET /metrics</c>, scraped once a second.
/// Disposed at the trial's end, which flushes what is left and leaves nothing listening for the next "off" trial.
/// </summary>
internal sealed class TelemetryOn : IAsyncDisposable
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _scraper;

    private TelemetryOn(Uri sink, TimeSpan metricInterval)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orchestrator:Telemetry:Otlp:Endpoint"] = sink.ToString(),
            ["Orchestrator:Telemetry:Otlp:Protocol"] = "http/protobuf",
            ["Orchestrator:Telemetry:ServiceName"] = "symbol-orchestrator-bench",
        });
        // The SDK's own variable, as an operator would set it: the host passes OTEL_* on to the SDK.
        var environment = new Dictionary<string, string> { ["OTEL_METRIC_EXPORT_INTERVAL"] = ((int)metricInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        OpenTelemetrySetup.Add(builder, environment, prometheus: true);
        _app = builder.Build();
        _app.MapPrometheusScrapingEndpoint(OpenTelemetrySetup.MetricsPath);
        _app.Start();
        // Once started, the app's URLs are the addresses bound, port 0 resolved.
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _scraper = Task.Run(ScrapeAsync);
    }

    /// <param name="sink">The OTLP collector's base address.</param>
    /// <param name="metricInterval">The OTLP metric reader's export interval (the SDK's default is 60 s).</param>
    public static TelemetryOn Start(Uri sink, TimeSpan metricInterval) => new(sink, metricInterval);

    public int Scrapes { get; private set; }

    public int LastScrapeLines { get; private set; }

    public int LastScrapeBytes { get; private set; }

    private async Task ScrapeAsync()
    {
        using var timer = new PeriodicTimer(ScrapeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var text = await _http.GetStringAsync(OpenTelemetrySetup.MetricsPath, _stop.Token);
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
}
