using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Web.Telemetry;

/// <summary>
/// The OpenTelemetry SDK in the host's composition root (docs/telemetry.md): OTLP traces, metrics and logs when
/// <c>Telemetry:Otlp:Endpoint</c> is set, the Prometheus exporter behind <c>GET /metrics</c> when the HTTP server is on.
/// With neither, nothing is registered: no listener on the source or the meter, so the instrumentation costs a null check.
/// </summary>
internal static class OpenTelemetrySetup
{
    /// <summary>Where the Prometheus text format is served.</summary>
    public const string MetricsPath = "/metrics";

    private const string OtelPrefix = "OTEL_";

    /// <summary>
    /// Adds the SDK to <paramref name="builder"/>, set up by <see cref="OrchestratorHost.Configure"/> already.
    /// <paramref name="prometheus"/>: the HTTP server is on and maps <see cref="MetricsPath"/>.
    /// </summary>
    public static void Add(IHostApplicationBuilder builder, IReadOnlyDictionary<string, string>? environment, bool prometheus) =>
        Add(builder.Services, builder.Configuration, environment, prometheus, logs: true);

    /// <summary>
    /// For a verb that runs jobs in its own process (<c>trigger</c>, <c>retry</c>, <c>backfill</c> with no host): its runs'
    /// spans and metrics go by OTLP as a host's do, when <c>Telemetry:Otlp:Endpoint</c> is set. Call
    /// <see cref="StartExporting"/> on the built services; disposing them exports what is left.
    /// </summary>
    public static void AddForVerb(IServiceCollection services, IConfigurationManager configuration, IReadOnlyDictionary<string, string>? environment) =>
        Add(services, configuration, environment, prometheus: false, logs: false);

    /// <summary>Starts the providers <see cref="AddForVerb"/> registered, which a host's hosted service starts otherwise; nothing when none is.</summary>
    public static void StartExporting(IServiceProvider services)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
    }

    private static void Add(IServiceCollection services, IConfigurationManager configuration, IReadOnlyDictionary<string, string>? environment, bool prometheus, bool logs)
    {
        var settings = configuration.GetSection($"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.Telemetry)}").Get<OrchestratorOptions.TelemetrySettings>()
            ?? new OrchestratorOptions.TelemetrySettings();
        // An endpoint or protocol the validator refuses is not handed to an exporter: the start-up error names the setting instead.
        var otlp = OtlpEndpoint.IsProtocol(settings.Otlp.Protocol) && OtlpEndpoint.TryParse(settings.Otlp.Endpoint, out var endpoint) ? endpoint : null;
        if (otlp is null && !prometheus)
            return;

        // The host reads no environment but ORCHESTRATOR_*; the SDK reads OTEL_* (headers, batch delays, export
        // intervals, resource attributes) from the configuration, so they are passed on as written.
        configuration.AddInMemoryCollection(OtelVariables(environment));
        var owner = configuration[$"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.Owner)}"] is { Length: > 0 } set ? set : ExecutorOptions.Default.Owner;
        var serviceName = string.IsNullOrWhiteSpace(settings.ServiceName) ? OrchestratorOptions.TelemetrySettings.DefaultServiceName : settings.ServiceName;
        var version = typeof(OrchestratorHost).Assembly.GetName().Version?.ToString(3);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: version, autoGenerateServiceInstanceId: false, serviceInstanceId: owner))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrchestratorTelemetry.Name);
                // A histogram per workflow is a set of buckets per workflow: a folder of 1,000 made /metrics 12 MB, and
                // still 3.3 MB with run durations alone per workflow, which every scrape serializes while the host fires.
                // Fire lateness is the scheduler's health and is exported for the host as a whole, durations by status;
                // each run's and job's duration is on its span, where a trace backend's span metrics break them down.
                metrics.AddView(OrchestratorMetrics.Names.FireLateness, new MetricStreamConfiguration { TagKeys = [] });
                metrics.AddView(OrchestratorMetrics.Names.RunDuration, new MetricStreamConfiguration { TagKeys = [TelemetryTags.RunStatus] });
                metrics.AddView(OrchestratorMetrics.Names.JobDuration, new MetricStreamConfiguration { TagKeys = [TelemetryTags.JobStatus] });
                if (otlp is not null)
                    metrics.AddOtlpExporter(o => Point(o, otlp, settings.Otlp.Protocol, "metrics"));
                if (prometheus)
                    // Served fresh on every scrape: the exporter's default 300 ms cache would show a scrape just after a run the values before it.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        if (otlp is null)
            return;
        // Traces and logs go nowhere but OTLP: without it no tracer listens, so no span is even created.
        telemetry.WithTracing(tracing => tracing.AddSource(OrchestratorTelemetry.Name).AddOtlpExporter(o => Point(o, otlp, settings.Otlp.Protocol, "traces")));
        if (logs)
            telemetry.WithLogging(logging => logging.AddOtlpExporter(o => Point(o, otlp, settings.Otlp.Protocol, "logs")),
                options => options.IncludeFormattedMessage = true);
    }

    private static void Point(OtlpExporterOptions options, Uri endpoint, string protocol, string signal)
    {
        options.Protocol = OtlpEndpoint.IsHttpProtobuf(protocol) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        options.Endpoint = OtlpEndpoint.For(endpoint, protocol, signal);
    }

    private static IEnumerable<KeyValuePair<string, string?>> OtelVariables(IReadOnlyDictionary<string, string>? environment)
    {
        IEnumerable<KeyValuePair<string, string?>> all = environment is not null
            ? environment.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))
            : Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string?>((string)e.Key, e.Value as string));
        return all.Where(v => v.Key.StartsWith(OtelPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
