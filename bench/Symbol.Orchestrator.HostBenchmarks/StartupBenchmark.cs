using System.Diagnostics;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// a. From Process.Start of <c>orchestrator run</c> to the first fire, with N workflows that each fire every second.
/// For where the time goes, each run also times <c>orchestrator validate</c> on an empty folder (process start-up and
/// exit alone) and on the same N files (plus parsing and compiling them).
/// </summary>
internal static class StartupBenchmark
{
    public static void Run(Settings settings)
    {
        Console.WriteLine($"## a. start-up to first fire: {settings.Workflows} workflows on cron \"{Corpus.EverySecond}\", {settings.Runs} run(s); target < 2000 ms");
        Console.WriteLine("   ms from Process.Start: 'Started' line read | first 'Fire' line read | first run's startedAt in the store (wall clock) | its scheduledAt");
        Console.WriteLine("   context, ms: `validate` of an empty folder | `validate` of the same folder (each a whole process, start to exit)");
        Console.WriteLine("                | first scheduledAt of the earliest and of the latest workflow (from Process.Start; the gap ≈ how long scheduling them all took, ±1 s)");
        Console.WriteLine("                | in-process: N × (read + awaited write of a watermark) on a fresh SQLite store, as the host's start-up catch-up does");
        var rows = new List<double[]>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            using var host = new HostUnderTest(settings, shutdownGrace: TimeSpan.FromSeconds(2));
            Corpus.Write(host.Workflows, settings.Workflows, Corpus.EverySecond);
            var empty = Path.Combine(host.Folder, "empty");
            Directory.CreateDirectory(empty);
            var validateEmpty = Validate(empty);
            var validateAll = Validate(host.Workflows);

            host.Start();
            var started = host.WaitFor("] Started: ", TimeSpan.FromMinutes(2));
            var fire = host.WaitFor("] Fire ", TimeSpan.FromMinutes(2));
            host.Stop();
            var runs = Store.Runs(host.StatePath);
            var firstStarted = runs.Where(r => r.StartedAt is not null).Select(r => r.StartedAt!.Value).DefaultIfEmpty().Min();
            var firstScheduled = runs.Select(r => r.ScheduledAt).DefaultIfEmpty().Min();
            // Each workflow's first fire is the first whole second after it was put on the scheduler.
            var firstPerWorkflow = runs.GroupBy(r => r.Workflow).Select(g => (g.Min(r => r.ScheduledAt) - host.StartedAtWall).TotalMilliseconds).ToArray();
            var watermarks = Evidence.WatermarkRoundTrips(host.Folder, settings.Workflows);
            double[] row =
            [
                (started.At - host.StartedAt).TotalMilliseconds,
                (fire.At - host.StartedAt).TotalMilliseconds,
                runs.Count == 0 ? double.NaN : (firstStarted - host.StartedAtWall).TotalMilliseconds,
                runs.Count == 0 ? double.NaN : (firstScheduled - host.StartedAtWall).TotalMilliseconds,
                validateEmpty.TotalMilliseconds,
                validateAll.TotalMilliseconds,
                firstPerWorkflow.DefaultIfEmpty(double.NaN).Min(),
                firstPerWorkflow.DefaultIfEmpty(double.NaN).Max(),
                watermarks.TotalMilliseconds,
            ];
            rows.Add(row);
            Console.WriteLine($"   run {run}: {Format(row)}");
        }
        var median = Enumerable.Range(0, rows[0].Length).Select(c => Stats.Median(rows.Select(r => r[c]))).ToArray();
        Console.WriteLine($"   median: {Format(median)}");
        Console.WriteLine();
    }

    private static string Format(double[] row) =>
        $"started {Stats.Ms(row[0])} | first fire line {Stats.Ms(row[1])} | first startedAt {Stats.Ms(row[2])} | its scheduledAt {Stats.Ms(row[3])}"
        + $" || validate empty {Stats.Ms(row[4])} | validate all {Stats.Ms(row[5])}"
        + $" | first scheduledAt, earliest workflow {Stats.Ms(row[6])}, latest {Stats.Ms(row[7])} | watermark round trips {Stats.Ms(row[8])}";

    private static TimeSpan Validate(string folder)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { HostUnderTest.OrchestratorDll, "validate", folder })
            info.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        // Drained so a long report cannot fill the pipe and stall the process being timed.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"validate {folder} exited {process.ExitCode}: {error.Result}{output.Result}");
        return elapsed;
    }
}
