using System.Diagnostics;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;

/// <summary>
/// Durable throughput through the executor (issue 4): <see cref="RunExecutor.StartAsync"/> of a 3-job chain
/// workflow, runs started back to back with several in flight, over <see cref="SqliteStateStore"/>. Each job
/// is recorded as the executor records it (attempt started, attempt finished with its output, durable before
/// the next job starts), plus each run's creation and final status. The jobs are either trivial scripts in
/// the Jint sandbox (<c>script</c>) or a runner that returns at once (<c>fake</c>), which isolates the
/// executor and the store.
/// </summary>
internal static class ExecutorBench
{
    private const string FlowText = """
        workflow chain {
            params { "rows": 42 }
            job extract   { run ``` return { rows: params.rows, file: "in/" + run.id + ".csv" }; ``` }
            job transform { run ``` return { rows: inputs.extract.rows * 2 }; ``` }
            job load      { run ``` return { loaded: inputs.transform.rows, ok: true }; ``` }
            extract -> transform -> load
        }
        """;

    public static WorkflowDefinition Workflow { get; } = Compile();

    private static WorkflowDefinition Compile()
    {
        var compilation = FlowCompiler.CompileSources([("/bench/chain.flow", FlowText)], CompileOptions.Default(DateTimeOffset.UtcNow), _ => null);
        return compilation.FindWorkflow("chain") ?? throw new InvalidOperationException(string.Join("; ", compilation.Diagnostics));
    }

    /// <summary>One trial on a fresh file; returns jobs recorded per second and process CPU a job, and prints the trial's line (<paramref name="label"/> after the runner's name).</summary>
    public static async Task<Trial> RunAsync(SqliteSynchronous synchronous, IJobRunner runner, string runnerName, int runs, int concurrency, int maxParallelJobs, bool quiet, string label = "")
    {
        var folder = Directory.CreateTempSubdirectory("symbol-executor-bench-");
        var path = Path.Combine(folder.FullName, "state.db");
        var jobsPerRun = Workflow.Jobs.Count;
        try
        {
            double elapsed, cpu, allocated;
            (long Commits, long Writes) counts;
            await using (var store = await SqliteStateStore.OpenAsync(path, new SqliteStateStoreOptions { Synchronous = synchronous }))
            {
                var executor = new RunExecutor(store, runner, TimeProvider.System, new ExecutorOptions { MaxParallelJobs = maxParallelJobs });
                var next = 0;
                var failed = 0;
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
                {
                    for (var i = Interlocked.Increment(ref next); i <= runs; i = Interlocked.Increment(ref next))
                    {
                        var run = await executor.StartAsync(Workflow, RunTrigger.Manual, DateTimeOffset.UtcNow);
                        if (run?.Status != RunStatus.Succeeded)
                            Interlocked.Increment(ref failed);
                    }
                })));
                elapsed = clock.Elapsed.TotalSeconds;
                process.Refresh();
                cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                counts = store.WriterCounts;
                if (failed > 0)
                    throw new InvalidOperationException($"{failed} runs did not succeed");
            }
            var recorded = StoreBench.CountSucceededJobs(path);
            if (recorded != runs * jobsPerRun)
                throw new InvalidOperationException($"{recorded} jobs recorded, {runs * jobsPerRun} expected");
            var rate = recorded / elapsed;
            if (!quiet)
                Console.WriteLine(
                    $"  executor+{runnerName,-6}{label} synchronous={synchronous.ToString().ToUpperInvariant(),-6} {recorded:N0} jobs in {elapsed:N2} s: {rate:N0} jobs/s; " +
                    $"{counts.Commits:N0} commits of {(double)counts.Writes / counts.Commits:N1} writes; CPU {cpu / recorded:N0} µs a job ({cpu / 1e6 / elapsed:N2} cores); " +
                    $"{allocated / recorded / 1024:N1} KiB allocated a job; load {LoadAverage()}");
            return new Trial(rate, cpu / recorded, allocated / recorded);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}

/// <summary>One trial's throughput, and the benchmark process's CPU time and bytes allocated (all threads) per job.</summary>
internal readonly record struct Trial(double JobsPerSecond, double CpuMicrosecondsPerJob, double BytesPerJob);

/// <summary>A job runner that succeeds at once with a small output: what is left is the executor and the store.</summary>
internal sealed class InstantRunner : IJobRunner
{
    private static readonly Task<AttemptResult> Done = Task.FromResult(AttemptResult.Success("""{"rows":42,"ok":true}""", []));

    public Task<AttemptResult> RunAsync(WorkflowDefinition workflow, JobDefinition job, AttemptContext context, CancellationToken cancellationToken) => Done;
}
