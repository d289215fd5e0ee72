using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Symbol.Orchestrator.State;

// Durable throughput of the SQLite state store (issue 4): a 3-job chain workflow, runs started back to
// back, each job an attempt started and finished (success, a small JSON output), a job starting only
// once its upstream's finish has completed, i.e. is durable. Several runs are in flight so that
// their writes can share commits, as a host's parallel runs do.
//
// The `executor` mode measures the same through RunExecutor (ExecutorBench.cs), with trivial scripts or an
// instant fake runner, MaxParallelJobs set by --parallel; --telemetry both alternates trials without and with the
// OpenTelemetry SDK listening and exporting (ExecutorTrials.cs, TelemetryOn.cs).
//
//   dotnet run -c Release --project bench/Symbol.Orchestrator.StoreBenchmarks -- store [--sync full|normal|both] [--runs N] [--concurrency N] [--trials N]
//   dotnet run -c Release --project bench/Symbol.Orchestrator.StoreBenchmarks -- executor [--runner fake|script|both] [--parallel N] [--telemetry off|on|both] [same options]
//   dotnet run -c Release --project bench/Symbol.Orchestrator.StoreBenchmarks -- postgres postgres://user@host:port/db [--runs N] [--concurrency N] [--trials N]

if (args is [OtlpSinkProcess.Verb])
    return OtlpSinkProcess.Serve();
if (args is ["postgres", var server, .. var rest])
    return await PostgresBench.MainAsync(server, rest);
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: store|executor [--sync full|normal|both] [--runs N] [--concurrency N] [--trials N] [--runner fake|script|both] [--parallel N] [--telemetry off|on|both]");
    return 2;
}
if (options.Executor)
{
    using var scripts = new Symbol.Orchestrator.Scripting.ScriptJobRunner(new Symbol.Orchestrator.Scripting.SandboxOptions { DataRoot = Path.GetTempPath() });
    scripts.WarmUp();
    var runners = options.Runners.Select(name => (name, name == "fake" ? (Symbol.Orchestrator.Scripting.IJobRunner)new InstantRunner() : scripts)).ToList();
    Console.WriteLine($"RunExecutor over SQLite, 3-job chain, {options.Runs:N0} runs ({options.Runs * 3:N0} jobs) a trial, {options.Concurrency} runs in flight, " +
        $"MaxParallelJobs {options.Parallel}, telemetry {string.Join("/", options.Telemetry)}, {Environment.ProcessorCount} CPUs, {Environment.OSVersion}, load {ExecutorBench.LoadAverage()}");
    await ExecutorTrials.RunAsync(options, runners);
    return 0;
}

Console.WriteLine($"SQLite store, 3-job chain, {options.Runs:N0} runs ({options.Runs * 3:N0} jobs) a trial, {options.Concurrency} runs in flight, {Environment.ProcessorCount} CPUs, {Environment.OSVersion}");
await StoreBench.RunAsync(SqliteSynchronous.Full, runs: 500, options.Concurrency, quiet: true);   // warm-up: JIT, file cache
foreach (var synchronous in options.Modes)
{
    var results = new List<double>();
    for (var trial = 1; trial <= options.Trials; trial++)
        results.Add(await StoreBench.RunAsync(synchronous, options.Runs, options.Concurrency, quiet: false));
    results.Sort();
    Console.WriteLine($"synchronous={synchronous.ToString().ToUpperInvariant()}: median {results[results.Count / 2]:N0} jobs/s (of {string.Join(", ", results.Select(r => r.ToString("N0")))})");
}
return 0;

internal sealed record BenchOptions(SqliteSynchronous[] Modes, int Runs, int Concurrency, int Trials)
{
    public bool Executor { get; init; }

    public string[] Runners { get; init; } = ["fake", "script"];

    /// <summary>executor: trials without the OpenTelemetry SDK (<c>off</c>), with it (<c>on</c>), or alternated in that order (<c>both</c>).</summary>
    public string[] Telemetry { get; init; } = ["off"];

    /// <summary>The executor's MaxParallelJobs; the default is the config's (8).</summary>
    public int Parallel { get; init; } = 8;

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions([SqliteSynchronous.Normal, SqliteSynchronous.Full], 10_000, 64, 3);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "store" when i == 0:
                    continue;
                case "executor" when i == 0:
                    options = options with { Executor = true };
                    continue;
                case "--runner" when value is "fake" or "script" or "both":
                    options = options with { Runners = value == "both" ? ["fake", "script"] : [value] };
                    break;
                case "--telemetry" when value is "off" or "on" or "both":
                    options = options with { Telemetry = value == "both" ? ["off", "on"] : [value] };
                    break;
                case "--parallel" when int.TryParse(value, out var parallel) && parallel > 0:
                    options = options with { Parallel = parallel };
                    break;
                case "--sync" when value is "full" or "normal" or "both":
                    options = options with { Modes = value switch { "full" => [SqliteSynchronous.Full], "normal" => [SqliteSynchronous.Normal], _ => options.Modes } };
                    break;
                case "--runs" when int.TryParse(value, out var runs) && runs > 0:
                    options = options with { Runs = runs };
                    break;
                case "--concurrency" when int.TryParse(value, out var concurrency) && concurrency > 0:
                    options = options with { Concurrency = concurrency };
                    break;
                case "--trials" when int.TryParse(value, out var trials) && trials > 0:
                    options = options with { Trials = trials };
                    break;
                default:
                    return null;
            }
            i++;
        }
        return options;
    }
}

internal static class StoreBench
{
    private static readonly string[] Chain = ["extract", "transform", "load"];
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>One trial on a fresh file; returns jobs recorded per second.</summary>
    public static async Task<double> RunAsync(SqliteSynchronous synchronous, int runs, int concurrency, bool quiet)
    {
        var folder = Directory.CreateTempSubdirectory("symbol-store-bench-");
        var path = Path.Combine(folder.FullName, "state.db");
        try
        {
            double elapsed, cpu;
            (long Commits, long Writes) counts;
            await using (var store = await SqliteStateStore.OpenAsync(path, new SqliteStateStoreOptions { Synchronous = synchronous }))
            {
                var next = 0;
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
                {
                    for (var i = Interlocked.Increment(ref next); i <= runs; i = Interlocked.Increment(ref next))
                        await RunChainAsync(store, i);
                })));
                elapsed = clock.Elapsed.TotalSeconds;
                process.Refresh();
                cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds;
                counts = store.WriterCounts;
            }
            var recorded = CountSucceededJobs(path);
            if (recorded != runs * Chain.Length)
                throw new InvalidOperationException($"{recorded} jobs recorded, {runs * Chain.Length} expected");
            var rate = recorded / elapsed;
            if (!quiet)
                Console.WriteLine(
                    $"  synchronous={synchronous.ToString().ToUpperInvariant(),-6} {recorded:N0} jobs in {elapsed:N2} s: {rate:N0} jobs/s; " +
                    $"{counts.Commits:N0} commits of {(double)counts.Writes / counts.Commits:N1} writes; CPU {cpu / recorded:N0} µs a job");
            return rate;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static async Task RunChainAsync(IStateStore store, int i)
    {
        var now = DateTimeOffset.UtcNow;
        var run = new RunRecord($"chain@{i}", "chain", RunStatus.Running, RunTrigger.Manual, now, now, null,
            "workflows/chain.flow", """{"workflows/chain.flow":"workflow chain { job extract {} job transform {} job load {} }"}""", "{}");
        if (await store.TryCreateRunAsync(run, Chain, "bench", Lease) != RunCreation.Created)
            throw new InvalidOperationException($"run {run.RunId} exists");
        foreach (var job in Chain)
        {
            await store.StartAttemptAsync(run.RunId, job, 1, DateTimeOffset.UtcNow, 1);
            await store.FinishAttemptAsync(new AttemptFinish(run.RunId, job, 1, AttemptOutcome.Succeeded, DateTimeOffset.UtcNow,
                $$"""{"job":"{{job}}","run":{{i}},"rows":42}""", null, [], JobStatus.Succeeded, 1));
        }
        await store.SetRunStatusAsync(run.RunId, RunStatus.Succeeded, DateTimeOffset.UtcNow, 1);
    }

    internal static long CountSucceededJobs(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM jobs WHERE status = 'succeeded' AND output_json IS NOT NULL";
        return (long)command.ExecuteScalar()!;
    }
}
