using System.Globalization;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// b. A folder of N daily workflows (none fires while measured); one file at a time gets a new schedule, written in
/// one rename. Measured per reload: from the harness's clock right after the rename returned, to the harness reading
/// the host's <c>Reload: changed wNNNN (next …)</c> line, minus the debounce window. The rename is the file's only
/// write, so "rename + debounce" is the moment the file has settled and the host's timer is due; the rest is the
/// watcher's event, the timer's lateness, recompiling the folder, swapping the schedule, and the log line reaching the
/// harness through the console logger and the pipe.
/// </summary>
internal static class ReloadBenchmark
{
    private const string Daily = "0 0 3 * * *";

    public static void Run(Settings settings)
    {
        Console.WriteLine($"## b. reload of one changed file in a folder of {settings.Workflows}: {settings.Runs} host run(s) × {settings.Reloads} reloads; debounce {settings.Debounce.TotalMilliseconds:0} ms; target < 100 ms");
        Console.WriteLine("   ms, per reload: (summary line read - rename returned) - debounce");
        var all = new List<double>();
        var medians = new List<double>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            using var host = new HostUnderTest(settings, shutdownGrace: TimeSpan.FromSeconds(2));
            Corpus.Write(host.Workflows, settings.Workflows, Daily);
            host.Start();
            host.WaitFor("] Started: ", TimeSpan.FromMinutes(2));
            Thread.Sleep(1000); // let start-up's leftovers (JIT, GC, the first log flush) pass; the harness is not a test

            var samples = new List<double>();
            var notes = new List<string>();
            for (var k = 1; k <= settings.Reloads; k++)
            {
                var i = k * 397 % settings.Workflows;
                var name = Corpus.Name(i);
                var from = host.LineCount;
                HostUnderTest.WriteAtomically(Corpus.FileOf(host.Workflows, i), Corpus.Flow(name, $"0 {k % 59 + 1} 3 * * *"));
                var written = HostUnderTest.Clock.Elapsed;
                var line = host.WaitFor($"] Reload: changed {name} (next ", TimeSpan.FromMinutes(1), from);
                samples.Add((line.At - written - settings.Debounce).TotalMilliseconds);
                if (!line.Text.EndsWith(')') || line.Text.Contains(';', StringComparison.Ordinal))
                    notes.Add(line.Text); // more than the one workflow changed: worth a look
                Thread.Sleep(300);
            }
            host.Stop();
            var (compile, fingerprints) = Evidence.ReloadPiecesMs(host.Workflows);
            all.AddRange(samples);
            medians.Add(Stats.Median(samples));
            Console.WriteLine($"   run {run}: {string.Join(' ', samples.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))}  (median {Stats.Ms(Stats.Median(samples))}); context, in-process, warm, median of 5: compile the whole folder {Stats.Ms(compile)} ms, fingerprint its workflows {Stats.Ms(fingerprints)} ms");
            foreach (var note in notes)
                Console.WriteLine($"      note: {note}");
        }
        Console.WriteLine($"   median of run medians: {Stats.Ms(Stats.Median(medians))} ms; all {all.Count} reloads: p50 {Stats.Ms(Stats.Percentile(all, 50))}, p90 {Stats.Ms(Stats.Percentile(all, 90))}, max {Stats.Ms(all.Max())}");
        Console.WriteLine();
    }
}
