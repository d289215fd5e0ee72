using System.Globalization;
using System.Text.RegularExpressions;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.State.Postgres;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// Issue 13's load on PostgreSQL: <c>--hosts</c> host processes (Owners <c>host1</c>…) on one workflows folder and one
/// database of a private server (a fresh database per measurement).
/// <c>load</c>: W workflows on <c>* * * * * *</c>, one trivial job each, measured for <c>--seconds</c>: runs finished per
/// second, fire lateness (startedAt − scheduledAt from the store), runs per host, fires missed or run twice.
/// <c>drain</c>: <c>--queued</c> runs queued in one go (as <c>backfill</c> queues them) and taken by the hosts: runs per second.
/// Both say where the time went: transactions, rows and WAL flushes per run from the server's counters, and the CPU
/// seconds of the server's processes, of each host and of the whole machine over the measurement (from /proc).
/// </summary>
internal static partial class LoadBenchmark
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static void RunScheduled(Settings settings)
    {
        Console.WriteLine($"## load: {settings.Workflows} workflows on cron \"{Corpus.EverySecond}\", {settings.Hosts} host(s) on one PostgreSQL database "
            + $"(fsync {(settings.Fsync ? "on" : "off")}, pool {settings.Pool?.ToString(CultureInfo.InvariantCulture) ?? "default"}), {settings.Seconds} s, {settings.Runs} run(s)");
        using var probe = PostgresProbe.Start(settings.Fsync);
        var summaries = new List<Summary>();
        for (var round = 1; round <= settings.Runs; round++)
        {
            var (connectionString, url) = probe.NewDatabase(settings.Pool);
            using var rig = new Rig(settings, url, workflows => Corpus.Write(workflows, settings.Workflows, Corpus.EverySecond));
            var windowStart = WholeSecond(rig.ReadyWall).AddSeconds(2);
            SleepUntil(windowStart);
            var before = rig.Read(probe, connectionString);
            SleepUntil(windowStart.AddSeconds(settings.Seconds));
            var after = rig.Read(probe, connectionString);
            // Fires of the window's last instants are still on their way: let them finish before the stop.
            Thread.Sleep(TimeSpan.FromSeconds(2));
            rig.Stop();

            var windowEnd = windowStart.AddSeconds(settings.Seconds);
            var runs = PostgresProbe.Runs(connectionString);
            var inWindow = runs.Where(r => r.ScheduledAt >= windowStart && r.ScheduledAt < windowEnd).ToArray();
            var finished = runs.Count(r => r.FinishedAt >= windowStart && r.FinishedAt < windowEnd);
            var expected = (long)settings.Workflows * settings.Seconds;
            var stored = inWindow.Select(r => (r.Workflow, r.ScheduledAt)).ToHashSet();
            var present = stored.Count;
            // Missing fires that a host skipped (one host may skip a fire another ran: those are not missing).
            var skipped = rig.Lines.Select(l => SkippedLine().Match(l.Text)).Where(m => m.Success)
                .Select(m => (Workflow: m.Groups[1].Value, At: Instant(m.Groups[2].Value))).Where(k => k.At >= windowStart && k.At < windowEnd)
                .Distinct().Count(k => !stored.Contains((k.Workflow, k.At)));
            // A fire run twice shows as a second attempt of its one job (the run id, the primary key, makes a second run impossible).
            var twice = inWindow.Count(r => r.Attempts > 1);
            var lateness = inWindow.Where(r => r.StartedAt is not null).Select(r => (r.StartedAt!.Value - r.ScheduledAt).TotalMilliseconds).ToArray();
            var perHost = inWindow.GroupBy(r => r.Owner ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            var statuses = string.Join(", ", runs.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

            var summary = new Summary(finished / (double)settings.Seconds, Stats.Percentile(lateness, 50), Stats.Percentile(lateness, 99),
                expected - present, twice, before, after, finished, settings.Seconds);
            summaries.Add(summary);
            Console.WriteLine($"   run {round}: window {windowStart:HH:mm:ss}–{windowEnd:HH:mm:ss} UTC: {finished / (double)settings.Seconds:0} runs/s finished; "
                + $"fires expected {expected}, present {present}, missing {expected - present} (of which overlap skip {skipped}), run twice {twice}; all runs in the store: {runs.Count} ({statuses})");
            Console.WriteLine($"      runs per host (fires in the window): {string.Join(", ", perHost)}");
            Console.WriteLine($"      start lateness ms: p50 {Stats.Ms(summary.P50)}, p99 {Stats.Ms(summary.P99)}, max {Stats.Ms(lateness.DefaultIfEmpty(double.NaN).Max())}");
            Console.WriteLine($"      slowest seconds of the window (p50 / max ms of their fires' lateness; p50 by host): {SlowestSeconds(inWindow)}");
            Console.WriteLine($"      server maintenance by the end: {PostgresProbe.Maintenance(connectionString)}");
            Console.WriteLine($"      {summary.WhereTheTimeWent()}");
        }
        Console.WriteLine($"   median of {settings.Runs}: {Stats.Median(summaries.Select(s => s.RunsPerSecond)):0} runs/s, lateness p50 {Stats.Ms(Stats.Median(summaries.Select(s => s.P50)))} ms, "
            + $"p99 {Stats.Ms(Stats.Median(summaries.Select(s => s.P99)))} ms, missing {Stats.Median(summaries.Select(s => (double)s.Missing))}, run twice {summaries.Max(s => s.Twice)} (max); "
            + Summary.Medians(summaries));
        Console.WriteLine();
    }

    public static void RunDrain(Settings settings)
    {
        // Enough concurrency that the workflows' gates never hold a queued run back: the hosts' executors are the limit.
        var concurrency = settings.Queued / settings.Workflows + 1;
        Console.WriteLine($"## drain: {settings.Queued} runs queued over {settings.Workflows} workflows (concurrency {concurrency}), {settings.Hosts} host(s) on one PostgreSQL database "
            + $"(fsync {(settings.Fsync ? "on" : "off")}, pool {settings.Pool?.ToString(CultureInfo.InvariantCulture) ?? "default"}), {settings.Runs} run(s)");
        using var probe = PostgresProbe.Start(settings.Fsync);
        var summaries = new List<Summary>();
        for (var round = 1; round <= settings.Runs; round++)
        {
            var (connectionString, url) = probe.NewDatabase(settings.Pool);
            using var rig = new Rig(settings, url, workflows =>
            {
                for (var i = 0; i < settings.Workflows; i++)
                    File.WriteAllText(Corpus.FileOf(workflows, i), Corpus.Flow(Corpus.Name(i), "0 0 0 1 1 *").Replace("    job ", $"    concurrency {concurrency}\n    job ", StringComparison.Ordinal));
            });
            var queued = Queue(url, rig.WorkflowsFolder, settings.Queued);
            var before = rig.Read(probe, connectionString);
            var from = DateTimeOffset.UtcNow;
            var deadline = from + TimeSpan.FromMinutes(10);
            (long Finished, DateTimeOffset? Last) state;
            while ((state = PostgresProbe.Finished(connectionString)).Finished < queued && DateTimeOffset.UtcNow < deadline && !rig.AnyExited)
                Thread.Sleep(200);
            var after = rig.Read(probe, connectionString);
            rig.Stop();

            var runs = PostgresProbe.Runs(connectionString);
            var took = ((state.Last ?? from) - from).TotalSeconds;
            var twice = runs.Count(r => r.Attempts > 1);
            var perHost = runs.GroupBy(r => r.Owner ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            var summary = new Summary(state.Finished / took, double.NaN, double.NaN, queued - state.Finished, twice, before, after, state.Finished, took);
            summaries.Add(summary);
            Console.WriteLine($"   run {round}: {state.Finished} of {queued} queued runs finished in {took:0.00} s after the queueing committed: {summary.RunsPerSecond:0} runs/s; run twice {twice}");
            Console.WriteLine($"      runs per host: {string.Join(", ", perHost)}");
            Console.WriteLine($"      {summary.WhereTheTimeWent()}");
        }
        Console.WriteLine($"   median of {settings.Runs}: {Stats.Median(summaries.Select(s => s.RunsPerSecond)):0} runs/s, unfinished {summaries.Max(s => s.Missing)} (max), run twice {summaries.Max(s => s.Twice)} (max); "
            + Summary.Medians(summaries));
        Console.WriteLine();
    }

    /// <summary>Queues <paramref name="count"/> one-job runs over the folder's workflows in one call, as <c>backfill</c> does; the runs created.</summary>
    private static int Queue(string url, string workflowsFolder, int count)
    {
        var workflows = FlowCompiler.Compile([workflowsFolder], CompileOptions.Default(DateTimeOffset.UtcNow)).Workflows.OrderBy(w => w.Name, StringComparer.Ordinal).ToArray();
        var definitions = workflows.Select(RunDefinition.Capture).ToArray();
        var origin = WholeSecond(DateTimeOffset.UtcNow).AddDays(-1);
        var runs = Enumerable.Range(0, count).Select(i =>
        {
            var w = i % workflows.Length;
            var at = origin.AddSeconds(i / workflows.Length);
            var workflow = workflows[w];
            return new NewRun(new RunRecord(RunRecord.ScheduledRunId(workflow.Name, at), workflow.Name, RunStatus.Pending, RunTrigger.Backfill, at, null, null,
                workflow.Position.Path, definitions[w], workflow.ParamsJson), workflow.RunRecordNames.ToArray());
        }).ToList();
        if (!PostgresUrl.TryParse(url, out var parsed, out var error))
            throw new InvalidOperationException(error);
        return Task.Run(async () =>
        {
            await using var store = await PostgresStateStore.OpenAsync(parsed, TimeProvider.System);
            return (await store.EnqueueRunsAsync(runs)).Count;
        }).GetAwaiter().GetResult();
    }

    // A stall shows as one second whose every fire is late, on every host (the database, the machine) or on one (that host's GC).
    private static string SlowestSeconds(IEnumerable<PgRun> runs) => string.Join("; ", runs.Where(r => r.StartedAt is not null)
        .GroupBy(r => r.ScheduledAt)
        .Select(g => (At: g.Key, Lateness: g.Select(Late).ToArray(), ByHost: g.GroupBy(r => r.Owner ?? "none").OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key} {Stats.Ms(Stats.Median(h.Select(Late)))}")))
        .OrderByDescending(s => Stats.Median(s.Lateness)).Take(3)
        .Select(s => $"{s.At:HH:mm:ss} {Stats.Ms(Stats.Median(s.Lateness))} / {Stats.Ms(s.Lateness.Max())} ({string.Join(", ", s.ByHost)})"));

    private static double Late(PgRun run) => (run.StartedAt!.Value - run.ScheduledAt).TotalMilliseconds;

    private static void SleepUntil(DateTimeOffset at)
    {
        var left = at - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
            Thread.Sleep(left);
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex(@"\] Skipped (\S+) at (\S+): ")]
    private static partial Regex SkippedLine();

    /// <summary>The hosts of one measurement: one workflows folder (written by <c>write</c>), started and waited for until each says Started.</summary>
    private sealed class Rig : IDisposable
    {
        private readonly List<HostUnderTest> _hosts;

        public Rig(Settings settings, string url, Action<string> write)
        {
            WorkflowsFolder = Directory.CreateTempSubdirectory("symbol-hostbench-flows-").FullName;
            write(WorkflowsFolder);
            _hosts = Enumerable.Range(1, settings.Hosts)
                .Select(i => new HostUnderTest(settings, StopGrace, url, $"host{i}", WorkflowsFolder)).ToList();
            foreach (var host in _hosts)
                host.Start();
            ReadyWall = _hosts.Max(h => h.StartedAtWall + (h.WaitFor("] Started: ", TimeSpan.FromMinutes(3)).At - h.StartedAt));
        }

        public string WorkflowsFolder { get; }

        /// <summary>When the last host said Started, on the wall clock.</summary>
        public DateTimeOffset ReadyWall { get; }

        public bool AnyExited => _hosts.Any(h => h.HasExited);

        public IEnumerable<Line> Lines => _hosts.SelectMany(h => h.Lines);

        public (Counters Server, double[] Hosts) Read(PostgresProbe probe, string connectionString) =>
            (probe.Read(connectionString), _hosts.Select(h => CpuTime.Process(h.Pid)).ToArray());

        public void Stop() => Parallel.ForEach(_hosts, h => h.Stop());

        public void Dispose()
        {
            foreach (var host in _hosts)
                host.Dispose();
            try
            {
                Directory.Delete(WorkflowsFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>One measurement's numbers, and the counters and CPU seconds at its start and end.</summary>
    private sealed record Summary(double RunsPerSecond, double P50, double P99, long Missing, int Twice,
        (Counters Server, double[] Hosts) Before, (Counters Server, double[] Hosts) After, long Runs, double Seconds)
    {
        private double PerRun(Func<Counters, double> counter) => Runs == 0 ? double.NaN : (counter(After.Server) - counter(Before.Server)) / Runs;

        private double HostsCpu => After.Hosts.Sum() - Before.Hosts.Sum();

        private double Cores(double cpuSeconds) => cpuSeconds / Seconds;

        public double Commits => PerRun(c => c.Commits);

        public double ServerCpuMsPerRun => PerRun(c => c.ServerCpu) * 1000;

        public double HostsCpuMsPerRun => HostsCpu / Runs * 1000;

        public string WhereTheTimeWent() =>
            FormattableString.Invariant($"per run: {Commits:0.00} transactions, {PerRun(c => c.Inserted):0.00} rows inserted, {PerRun(c => c.Updated):0.00} updated, ")
            + FormattableString.Invariant($"{PerRun(c => c.WalSyncs):0.000} WAL flushes (fsync), {PerRun(c => c.WalRecords):0.0} WAL records; ")
            + FormattableString.Invariant($"CPU ms per run: PostgreSQL {ServerCpuMsPerRun:0.000}, hosts {HostsCpuMsPerRun:0.000}; ")
            + FormattableString.Invariant($"cores busy: PostgreSQL {Cores(After.Server.ServerCpu - Before.Server.ServerCpu):0.00}, hosts {Cores(HostsCpu):0.00} ")
            + $"({string.Join(" ", After.Hosts.Zip(Before.Hosts, (a, b) => Cores(a - b).ToString("0.00", CultureInfo.InvariantCulture)))}), "
            + FormattableString.Invariant($"harness {Cores(After.Server.HarnessCpu - Before.Server.HarnessCpu):0.00}, whole machine {Cores(After.Server.MachineCpu - Before.Server.MachineCpu):0.00} of {Environment.ProcessorCount}");

        public static string Medians(IReadOnlyList<Summary> all) =>
            FormattableString.Invariant($"per run: {Stats.Median(all.Select(s => s.Commits)):0.00} transactions, CPU ms PostgreSQL {Stats.Median(all.Select(s => s.ServerCpuMsPerRun)):0.000}, ")
            + FormattableString.Invariant($"hosts {Stats.Median(all.Select(s => s.HostsCpuMsPerRun)):0.000}");
    }
}
