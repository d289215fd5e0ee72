using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// d. Cancel latency (issue 12: p99 under 1 s with the host running 1,000 workflows). The host runs N - 1 workflows on
/// <c>--cron</c> (default <c>* * * * * *</c>) with a trivial job, and <c>spin</c>, which fires every second (concurrency 1, overlap skip) and
/// spins in <c>while (true) {}</c>. Each sample waits for a spinning run, asks <c>orchestrator cancel RUN --no-wait</c>
/// (a process of its own, as a user would), and waits for the store to record the run cancelled. Two latencies, both
/// to the run's end as the host stamped it in the store: from the verb's return (the issue's measure: the request is
/// stored by then), and from the request's own stamp (the verb's clock just before its write, so it also holds the
/// write itself, a commit beside a host that is committing 1,000 runs a second).
/// </summary>
internal static class CancelBenchmark
{
    private const string Spin = """
        workflow spin {
            schedule every 1s
            job loop { timeout 1h  run ``` while (true) {} ``` }
        }

        """;

    public static void Run(Settings settings)
    {
        Console.WriteLine($"## d. cancel latency: {settings.Workflows - 1} workflows on cron \"{settings.Cron}\" and one spinning, {settings.Samples} cancel(s) per host, {settings.Runs} host(s)");
        var all = new List<double>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            using var host = new HostUnderTest(settings, shutdownGrace: TimeSpan.FromSeconds(1));
            Corpus.Write(host.Workflows, settings.Workflows - 1, settings.Cron);
            File.WriteAllText(Path.Combine(host.Workflows, "spin.flow"), Spin);
            host.Start();
            host.WaitFor("] Started: ", TimeSpan.FromMinutes(2));
            var latencies = new List<double>();
            var fromReturn = new List<double>();
            var seen = new List<double>();
            var verb = new List<double>();
            for (var sample = 0; sample < settings.Samples && !host.HasExited; sample++)
            {
                var runId = WaitForSpinningRun(host);
                var asked = Stopwatch.GetTimestamp();
                Cancel(host, runId);
                var returned = DateTimeOffset.UtcNow;
                verb.Add(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
                var (requested, finished) = WaitForCancelled(host, runId);
                latencies.Add((finished - requested).TotalMilliseconds);
                fromReturn.Add((finished - returned).TotalMilliseconds);
                // Where the time went: until the host's executor read the request (its log line's own stamp), then the rest.
                var line = host.WaitFor($"Run {runId}: cancel requested", TimeSpan.FromMinutes(1));
                if (DateTimeOffset.TryParse(line.Text.Split(' ')[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out var read))
                    seen.Add((read - requested).TotalMilliseconds);
            }
            host.Stop();
            all.AddRange(fromReturn);
            Console.WriteLine($"run {run}: verb returned → run cancelled, ms: p50 {Stats.Ms(Stats.Median(fromReturn))}, p90 {Stats.Ms(Stats.Percentile(fromReturn, 90))}, "
                              + $"p99 {Stats.Ms(Stats.Percentile(fromReturn, 99))}, max {Stats.Ms(fromReturn.DefaultIfEmpty(double.NaN).Max())} (negative: cancelled before the verb's process had exited)");
            Console.WriteLine($"  request's stamp → run cancelled, ms: p50 {Stats.Ms(Stats.Median(latencies))}, p90 {Stats.Ms(Stats.Percentile(latencies, 90))}, "
                              + $"p99 {Stats.Ms(Stats.Percentile(latencies, 99))}, max {Stats.Ms(latencies.DefaultIfEmpty(double.NaN).Max())} "
                              + $"({latencies.Count} samples; the verb process itself took a median {Stats.Ms(Stats.Median(verb))} ms)");
            Console.WriteLine($"  of which until the host read the request (its log line): p50 {Stats.Ms(Stats.Median(seen))}, p99 {Stats.Ms(Stats.Percentile(seen, 99))} ms");
            Console.WriteLine($"  samples: {string.Join(' ', latencies.Select(l => l.ToString("0", CultureInfo.InvariantCulture)))}");
        }
        Console.WriteLine($"all runs, verb returned → run cancelled: p50 {Stats.Ms(Stats.Median(all))} ms, p99 {Stats.Ms(Stats.Percentile(all, 99))} ms, max {Stats.Ms(all.DefaultIfEmpty(double.NaN).Max())} ms over {all.Count} samples (target p99 < 1000)");
        Console.WriteLine();
    }

    // A spin run whose job has started: its script is in the loop (or about to be) when the request comes.
    private static string WaitForSpinningRun(HostUnderTest host)
    {
        var deadline = HostUnderTest.Clock.Elapsed + TimeSpan.FromMinutes(1);
        while (HostUnderTest.Clock.Elapsed < deadline)
        {
            if (Scalar(host.StatePath, "SELECT r.run_id FROM runs r JOIN jobs j ON j.run_id = r.run_id WHERE r.workflow = 'spin' AND r.status = 'running' AND j.status = 'running' LIMIT 1") is string id)
                return id;
            Thread.Sleep(20);
        }
        throw new TimeoutException("no spin run started within a minute");
    }

    private static void Cancel(HostUnderTest host, string runId)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { HostUnderTest.OrchestratorDll, "cancel", runId, "--no-wait", "--config", host.Config })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cancel {runId} exited {process.ExitCode}: {error.Result}");
    }

    private static (DateTimeOffset Requested, DateTimeOffset Finished) WaitForCancelled(HostUnderTest host, string runId)
    {
        var deadline = HostUnderTest.Clock.Elapsed + TimeSpan.FromMinutes(1);
        while (HostUnderTest.Clock.Elapsed < deadline)
        {
            if (Scalar(host.StatePath, $"SELECT status || ' ' || cancel_requested_at || ' ' || finished_at FROM runs WHERE run_id = '{runId}' AND status <> 'running'") is string row)
            {
                var parts = row.Split(' ');
                if (parts[0] != "cancelled")
                    throw new InvalidOperationException($"run {runId} ended {parts[0]}, not cancelled");
                return (Instant(parts[1]), Instant(parts[2]));
            }
            Thread.Sleep(10);
        }
        throw new TimeoutException($"run {runId} was not cancelled within a minute");
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    // The store writes instants as fixed-width UTC text (State/StoreText.cs).
    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
