using System.Globalization;
using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// c. N workflows on <c>* * * * * *</c> for S seconds. After a graceful stop, the store's runs are checked against
/// every (workflow, second) of a window that starts at the first whole second after the host said "Started" plus one,
/// and ends two seconds before the harness sent SIGTERM (so a fire still on its way at the stop does not count as
/// missed). Doubled fires are counted from the host's "Fire" lines (the store's primary key would refuse a second run).
/// Memory: the host's VmRSS every second, and its managed heap every 5 s when dotnet-counters is installed (<see cref="GcHeapSampler"/>).
/// </summary>
internal static partial class AccuracyBenchmark
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(5);

    public static void Run(Settings settings)
    {
        var modes = settings.Telemetry;
        var labelled = modes.Length > 1 || modes[0] == "on";
        Console.WriteLine($"## c. fire accuracy: {settings.Workflows} workflows on cron \"{Corpus.EverySecond}\" for {settings.Seconds} s, {settings.Runs} run(s)"
            + (labelled ? $" of each: telemetry {string.Join(", ", modes)}, alternated" : ""));
        // One collector for every "on" host: OTLP http/protobuf, answering 200 to each export.
        using var sink = modes.Contains("on") ? OtlpSink.Start() : null;
        var summaries = modes.ToDictionary(mode => mode, _ => new List<double[]>(), StringComparer.Ordinal);
        for (var run = 1; run <= settings.Runs; run++)
            foreach (var mode in modes)
                summaries[mode].Add(Measure(settings, labelled ? $"run {run}, telemetry {mode}" : $"run {run}", mode == "on" ? sink : null));
        foreach (var mode in modes)
        {
            double Median(int column) => Stats.Median(summaries[mode].Select(s => s[column]));
            Console.WriteLine($"   median of {settings.Runs} run(s){(labelled ? $", telemetry {mode}" : "")}: missing {Median(0)}, doubled {Median(1)}, lateness p50 {Stats.Ms(Median(2))} ms, "
                + $"p99 {Stats.Ms(Median(3))} ms, max {Stats.Ms(Median(4))} ms, RSS slope {Median(5).ToString("0.00", CultureInfo.InvariantCulture)} MiB/min, "
                + $"host CPU {Median(6).ToString("0.00", CultureInfo.InvariantCulture)} cores");
        }
        Console.WriteLine("   RSS is what /proc reports for the host process; the GC heap (when dotnet-counters is installed) is the managed heap after each collection.");
        Console.WriteLine();
    }

    /// <summary>One host's run; with a <paramref name="sink"/>, the host exports to it by OTLP and the harness scrapes its /metrics every 5 s.</summary>
    private static double[] Measure(Settings settings, string name, OtlpSink? sink)
    {
        using var host = new HostUnderTest(settings, shutdownGrace: TimeSpan.FromSeconds(10), otlp: sink?.Endpoint);
        Corpus.Write(host.Workflows, settings.Workflows, Corpus.EverySecond);
        sink?.Reset();
        host.Start();
        var started = host.WaitFor("] Started: ", TimeSpan.FromMinutes(2));
        var readyWall = host.StartedAtWall + (started.At - host.StartedAt);
        using var scraper = sink is null ? null
            : new MetricsScraper(new Uri(UrlLine().Match(host.WaitFor("Dashboard and API on ", TimeSpan.FromSeconds(10)).Text).Groups[1].Value), ScrapeInterval);

        using var heap = new GcHeapSampler(host.Pid, settings.Seconds);
        var memory = new List<(double Seconds, double Mib)>();
        var until = HostUnderTest.Clock.Elapsed + TimeSpan.FromSeconds(settings.Seconds);
        // The host's CPU from two seconds after Started (past start-up, where the lateness window begins) to the stop.
        (TimeSpan At, double Seconds)? cpuFrom = null;
        while (HostUnderTest.Clock.Elapsed < until && !host.HasExited)
        {
            if (host.RssMib() is { } mib)
                memory.Add(((HostUnderTest.Clock.Elapsed - started.At).TotalSeconds, mib));
            if (cpuFrom is null && HostUnderTest.Clock.Elapsed - started.At >= TimeSpan.FromSeconds(2))
                cpuFrom = (HostUnderTest.Clock.Elapsed, CpuTime.Process(host.Pid));
            Thread.Sleep(1000);
        }
        var cores = cpuFrom is { } from ? (CpuTime.Process(host.Pid) - from.Seconds) / (HostUnderTest.Clock.Elapsed - from.At).TotalSeconds : double.NaN;
        var stopWall = DateTimeOffset.UtcNow;
        scraper?.Dispose();
        host.Stop();

        var windowStart = WholeSecond(readyWall).AddSeconds(2);
        var windowEnd = WholeSecond(stopWall).AddSeconds(-2);
        var seconds = Math.Max(0, (int)(windowEnd - windowStart).TotalSeconds + 1);
        var runs = Store.Runs(host.StatePath);
        var inWindow = runs.Where(r => r.ScheduledAt >= windowStart && r.ScheduledAt <= windowEnd).ToArray();
        var present = inWindow.Select(r => (r.Workflow, r.ScheduledAt)).Distinct().Count();
        var missing = (long)settings.Workflows * seconds - present;
        var lines = host.Lines;
        var fired = lines.Select(l => FireLine().Match(l.Text)).Where(m => m.Success)
            .Select(m => (Workflow: m.Groups[1].Value, At: Instant(m.Groups[2].Value))).ToArray();
        var doubled = fired.GroupBy(f => f).Count(g => g.Count() > 1);
        var skipped = lines.Select(l => SkippedLine().Match(l.Text)).Where(m => m.Success)
            .Select(m => (Workflow: m.Groups[1].Value, At: Instant(m.Groups[2].Value))).ToHashSet();
        // Why each missing fire is missing: skipped by the overlap policy (the previous run still active), fired
        // but no run recorded, or never fired at all.
        var stored = inWindow.Select(r => (r.Workflow, r.ScheduledAt)).ToHashSet();
        var firedSet = fired.ToHashSet();
        long missingSkipped = 0, missingFiredNoRun = 0, missingNeverFired = 0;
        for (var w = 0; w < settings.Workflows; w++)
            for (var at = windowStart; at <= windowEnd; at = at.AddSeconds(1))
            {
                var key = (Corpus.Name(w), at);
                if (stored.Contains(key))
                    continue;
                if (skipped.Contains(key))
                    missingSkipped++;
                else if (firedSet.Contains(key))
                    missingFiredNoRun++;
                else
                    missingNeverFired++;
            }
        var lateness = inWindow.Where(r => r.StartedAt is not null).Select(r => (r.StartedAt!.Value - r.ScheduledAt).TotalMilliseconds).ToArray();
        var statuses = string.Join(", ", runs.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

        Console.WriteLine($"   {name}: window {windowStart:HH:mm:ss}–{windowEnd:HH:mm:ss} UTC ({seconds} s): expected {(long)settings.Workflows * seconds}, present {present}, missing {missing} (overlap skip {missingSkipped}, fired but no run {missingFiredNoRun}, never fired {missingNeverFired}), doubled {doubled}; all runs in the store: {runs.Count} ({statuses})");
        Console.WriteLine($"      start lateness ms (startedAt - scheduledAt): p50 {Stats.Ms(Stats.Percentile(lateness, 50))}, p99 {Stats.Ms(Stats.Percentile(lateness, 99))}, max {Stats.Ms(lateness.DefaultIfEmpty(double.NaN).Max())}");
        var rss = memory.Select(m => m.Mib).ToArray();
        var slope = Stats.Slope(memory) * 60;
        Console.WriteLine(rss.Length == 0
            ? "      RSS: no samples"
            : $"      RSS MiB: first {rss[0]:0.0}, last {rss[^1]:0.0}, max {rss.Max():0.0}, slope {slope.ToString("0.00", CultureInfo.InvariantCulture)} MiB/min over {memory.Count} samples (second half alone: {(Stats.Slope(memory.Skip(memory.Count / 2).ToArray()) * 60).ToString("0.00", CultureInfo.InvariantCulture)} MiB/min)");
        Console.WriteLine($"      RSS samples: {string.Join(' ', rss.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))}");
        var heapMib = heap.Samples();
        Console.WriteLine(heapMib.Count == 0
            ? "      GC heap: not sampled (install dotnet-counters: dotnet tool install -g dotnet-counters)"
            : $"      GC heap after each collection, MiB, every 5 s: {string.Join(' ', heapMib.Select(m => m.ToString("0.0", CultureInfo.InvariantCulture)))}; "
              + $"first half max {heapMib.Take(heapMib.Count / 2).DefaultIfEmpty().Max():0.0}, second half max {heapMib.Skip(heapMib.Count / 2).DefaultIfEmpty().Max():0.0}");
        Console.WriteLine($"      host CPU: {cores.ToString("0.00", CultureInfo.InvariantCulture)} cores from 2 s after Started to the stop");
        if (sink is not null && scraper is not null)
            Console.WriteLine($"      {Telemetry(sink, scraper)}");
        return [missing, doubled, Stats.Percentile(lateness, 50), Stats.Percentile(lateness, 99), lateness.DefaultIfEmpty(double.NaN).Max(), slope, cores];
    }

    // What the exporters delivered: the host has stopped, so its last OTLP batches are in.
    private static string Telemetry(OtlpSink sink, MetricsScraper scraper)
    {
        string Signal(string signal, string items)
        {
            var count = sink.Received(signal);
            return $"{count.Items:N0} {items} in {count.Requests:N0} requests ({count.Bytes / 1024.0:N0} KiB)";
        }
        var times = scraper.Milliseconds;
        return $"telemetry: OTLP received {Signal("traces", "spans")}, {Signal("metrics", "metrics")}, {Signal("logs", "log records")}; "
            + $"/metrics scraped {times.Count} times every {ScrapeInterval.TotalSeconds:0} s ({scraper.Failures} failed{(scraper.LastError is null ? "" : ": " + scraper.LastError)}), "
            + $"the last {scraper.LastSeries:N0} series ({scraper.LastBytes / 1024.0:N0} KiB), p50 {Stats.Ms(Stats.Median(times))} ms, max {Stats.Ms(times.DefaultIfEmpty(double.NaN).Max())} ms";
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex(@"\] Fire (\S+) at (\S+) \(schedule\)")]
    private static partial Regex FireLine();

    [GeneratedRegex(@"\] Skipped (\S+) at (\S+): ")]
    private static partial Regex SkippedLine();

    [GeneratedRegex(@"Dashboard and API on (\S+)")]
    private static partial Regex UrlLine();
}
