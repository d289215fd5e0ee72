using System.Globalization;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Scripting;

/// <summary>
/// The executor benchmark's trials: for each runner and <c>synchronous</c> mode, <c>--trials</c> rounds of one trial per
/// telemetry mode, in the order off, on (alternated, so a drift of the shared machine's load hits both alike), then
/// the medians and, with both, the ratio on/off of the same run. An "on" trial has its own <see cref="TelemetryOn"/>,
/// exporting to one <see cref="OtlpSinkProcess"/> (a collector in a process of its own) and serving /metrics; what the sink received is printed after it.
/// </summary>
internal static class ExecutorTrials
{
    // Stricter than the SDK's default of 60 s, so a trial of a few seconds pays for OTLP metric exports too.
    private static readonly TimeSpan MetricInterval = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(BenchOptions options, IReadOnlyList<(string Name, IJobRunner Runner)> runners)
    {
        using var sink = options.Telemetry.Contains("on") ? OtlpSinkProcess.Start() : null;
        foreach (var (name, runner) in runners)
            foreach (var mode in options.Telemetry)
                await TrialAsync(sink, mode, () => ExecutorBench.RunAsync(SqliteSynchronous.Full, runner, name, runs: 500, options.Concurrency, options.Parallel, quiet: true), quiet: true, runs: 500);   // warm-up, the SDK's too
        foreach (var (name, runner) in runners)
            foreach (var synchronous in options.Modes)
            {
                var results = options.Telemetry.ToDictionary(mode => mode, _ => new List<Trial>(), StringComparer.Ordinal);
                for (var trial = 1; trial <= options.Trials; trial++)
                    foreach (var mode in options.Telemetry)
                        results[mode].Add(await TrialAsync(sink, mode, () => ExecutorBench.RunAsync(synchronous, runner, name, options.Runs, options.Concurrency, options.Parallel,
                            quiet: false, label: options.Telemetry.Length > 1 || mode == "on" ? $" telemetry {mode,-3}" : ""), quiet: false, options.Runs));
                var medians = new Dictionary<string, Trial>(StringComparer.Ordinal);
                foreach (var (mode, trials) in results)
                {
                    medians[mode] = new Trial(Median(trials.Select(t => t.JobsPerSecond)), Median(trials.Select(t => t.CpuMicrosecondsPerJob)), Median(trials.Select(t => t.BytesPerJob)));
                    var telemetry = options.Telemetry.Length > 1 || mode == "on" ? $" telemetry {mode}" : "";
                    Console.WriteLine($"executor+{name}{telemetry} synchronous={synchronous.ToString().ToUpperInvariant()}: median {medians[mode].JobsPerSecond:N0} jobs/s " +
                        $"(of {string.Join(", ", trials.Select(t => t.JobsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))}), CPU {medians[mode].CpuMicrosecondsPerJob:N0} µs a job, {medians[mode].BytesPerJob / 1024:N1} KiB allocated a job");
                }
                if (medians.TryGetValue("off", out var off) && medians.TryGetValue("on", out var on))
                    Console.WriteLine($"executor+{name} synchronous={synchronous.ToString().ToUpperInvariant()}: telemetry on/off {on.JobsPerSecond / off.JobsPerSecond:0.000} jobs/s " +
                        $"({(on.JobsPerSecond / off.JobsPerSecond - 1) * 100:+0.0;-0.0} %), CPU a job {on.CpuMicrosecondsPerJob / off.CpuMicrosecondsPerJob:0.000}, " +
                        $"allocated a job {on.BytesPerJob / off.BytesPerJob:0.000} (+{(on.BytesPerJob - off.BytesPerJob) / 1024:N1} KiB) (medians of the same run)");
            }
    }

    /// <param name="runs">The trial's runs, each a span of its own and one for each of its 3 jobs' attempts.</param>
    private static async Task<Trial> TrialAsync(OtlpSinkProcess? sink, string mode, Func<Task<Trial>> run, bool quiet, int runs)
    {
        if (mode == "off")
            return await run();
        sink!.Reset();
        Trial result;
        long ended = runs * 4L;
        int scrapes, lines;
        double kib;
        await using (var telemetry = TelemetryOn.Start(sink.Endpoint, MetricInterval))
        {
            result = await run();
            (scrapes, lines, kib) = (telemetry.Scrapes, telemetry.LastScrapeLines, telemetry.LastScrapeBytes / 1024.0);
        }
        // Disposed: the batch exporter has flushed, so the sink's count is final.
        var spans = sink.Received("traces");
        var metrics = sink.Received("metrics");
        if (!quiet)
            Console.WriteLine($"    telemetry: {ended:N0} spans expected, {spans.Items:N0} received by the OTLP sink in {spans.Requests:N0} requests ({spans.Bytes / 1024.0:N0} KiB, " +
                $"{ended - spans.Items:N0} dropped); metrics: {metrics.Requests:N0} OTLP exports of {metrics.Items:N0} metrics, {scrapes} scrapes of /metrics, the last {lines:N0} lines ({kib:N1} KiB)");
        return result;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
