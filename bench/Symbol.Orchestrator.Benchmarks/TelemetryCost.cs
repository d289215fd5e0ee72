using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Symbol.Orchestrator.Benchmarks;

/// <summary>
/// What the instrumentation and the OpenTelemetry SDK cost a job, without the store, the network or the scripts: the
/// executor with an instant runner over the in-memory store (<see cref="ExecutorBenchmarks"/>), one run at a time, in rounds
/// alternated between nobody listening and the SDK listening (every span sampled and batched, every instrument
/// aggregated) with exporters that drop what they are given, and the SDK exporting both by OTLP http/protobuf to a sink in
/// this process (batched spans; metrics every second, stricter than the SDK's 60 s). Process CPU and bytes allocated (all threads) per job,
/// medians of the rounds: allocations do not depend on the machine's load, so they say where a difference comes from.
/// </summary>
internal static class TelemetryCost
{
    private const string Name = "Symbol.Orchestrator";

    public static async Task RunAsync(int runsPerRound = 5_000, int rounds = 7)
    {
        var bench = new ExecutorBenchmarks { InstantRunner = true };
        bench.Setup();
        var off = new List<(double Cpu, double Bytes)>();
        var on = new List<(double Cpu, double Bytes)>();
        var exported = new List<(double Cpu, double Bytes)>();
        long spans = 0, received = 0;
        using var sink = OtlpSink.Start();
        try
        {
            for (var round = 0; round <= rounds; round++)
            {
                var quiet = await MeasureAsync(bench, runsPerRound);
                var (listened, ended) = await ListenedAsync(bench, runsPerRound);
                sink.Reset();
                var exporting = await ExportingAsync(bench, runsPerRound, sink.Endpoint);
                // Round 0 warms all up (JIT, the SDK's first aggregations, the exporters' first connections).
                if (round == 0)
                    continue;
                off.Add(quiet);
                on.Add(listened);
                exported.Add(exporting);
                spans += ended;
                received += sink.Received("traces").Items;
            }
        }
        finally
        {
            bench.Cleanup();
        }
        var jobs = runsPerRound * ExecutorBenchmarks.JobsPerRun;
        Console.WriteLine($"The executor alone (instant runner, in-memory store; 4-job diamonds one at a time), median of {rounds} rounds of {jobs} jobs each, alternated:");
        Console.WriteLine($"  nobody listening        CPU {Median(off, r => r.Cpu),6:F1} µs a job, {Median(off, r => r.Bytes),7:N0} bytes allocated a job   rounds: {string.Join(" ", off.Select(r => r.Cpu.ToString("F1")))}");
        Console.WriteLine($"  the SDK listening       CPU {Median(on, r => r.Cpu),6:F1} µs a job, {Median(on, r => r.Bytes),7:N0} bytes allocated a job   rounds: {string.Join(" ", on.Select(r => r.Cpu.ToString("F1")))}");
        Console.WriteLine($"  the SDK exporting OTLP  CPU {Median(exported, r => r.Cpu),6:F1} µs a job, {Median(exported, r => r.Bytes),7:N0} bytes allocated a job   rounds: {string.Join(" ", exported.Select(r => r.Cpu.ToString("F1")))}");
        Console.WriteLine($"  listening - nobody      CPU {Median(on, r => r.Cpu) - Median(off, r => r.Cpu),6:F1} µs a job, {Median(on, r => r.Bytes) - Median(off, r => r.Bytes),7:N0} bytes a job; " +
            $"{(double)spans / rounds / runsPerRound:F1} spans a run");
        Console.WriteLine($"  exporting - nobody      CPU {Median(exported, r => r.Cpu) - Median(off, r => r.Cpu),6:F1} µs a job, {Median(exported, r => r.Bytes) - Median(off, r => r.Bytes),7:N0} bytes a job; " +
            $"{(double)received / rounds / runsPerRound:F1} spans a run received by the sink");
        Console.WriteLine($"  load average: {CpuPerJob.LoadAverage()}");
    }

    private static async Task<((double Cpu, double Bytes), long Spans)> ListenedAsync(ExecutorBenchmarks bench, int runs)
    {
        var spans = new CountingExporter();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Name).SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(spans)).Build();
        using var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(Name).AddReader(new BaseExportingMetricReader(new DroppingMetrics())).Build();
        var measured = await MeasureAsync(bench, runs);
        tracing.ForceFlush();
        return (measured, spans.Count);
    }

    private static async Task<(double Cpu, double Bytes)> ExportingAsync(ExecutorBenchmarks bench, int runs, Uri sink)
    {
        (double Cpu, double Bytes) measured;
        using (Sdk.CreateTracerProviderBuilder().AddSource(Name).SetSampler(new AlwaysOnSampler()).AddOtlpExporter(o => Otlp(o, sink, "traces")).Build())
        using (Sdk.CreateMeterProviderBuilder().AddMeter(Name)
            .AddOtlpExporter((o, reader) =>
            {
                Otlp(o, sink, "metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 1000;
            }).Build())
            measured = await MeasureAsync(bench, runs);
        return measured;
    }

    private static void Otlp(OtlpExporterOptions options, Uri sink, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(sink, $"/v1/{signal}");
    }

    private static async Task<(double Cpu, double Bytes)> MeasureAsync(ExecutorBenchmarks bench, int runs)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
            await bench.Run();
        var jobs = runs * ExecutorBenchmarks.JobsPerRun;
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / jobs, (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / jobs);
    }

    private static double Median(List<(double Cpu, double Bytes)> rounds, Func<(double Cpu, double Bytes), double> value) =>
        rounds.Select(value).Order().ElementAt(rounds.Count / 2);

    private sealed class CountingExporter : BaseExporter<Activity>
    {
        public long Count { get; private set; }

        public override ExportResult Export(in Batch<Activity> batch)
        {
            Count += batch.Count;
            return ExportResult.Success;
        }
    }

    private sealed class DroppingMetrics : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
