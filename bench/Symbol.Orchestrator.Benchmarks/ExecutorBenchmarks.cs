using BenchmarkDotNet.Attributes;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Testing;

namespace Symbol.Orchestrator.Benchmarks;

/// <summary>
/// Trivial jobs end to end in the executor, store excluded (issue 4: at most 50 µs of CPU a job): a
/// <see cref="RunExecutor"/> with the real <see cref="ScriptJobRunner"/> over an <see cref="InMemoryStateStore"/>,
/// running whole runs of a 4-job diamond (extract → transform, lookup → load), each job a prepared script with
/// JSON in and out. A run's own costs (its id, its recorded definition, params, the DAG set-up) are included.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ExecutorBenchmarks
{
    public const int JobsPerRun = 4;

    private const string FlowText = """
        workflow bench {
            params { "region": "eu", "batch": 500 }
            job extract   { run ``` return { count: 120, file: "in/" + params.region + ".csv" }; ``` }
            job transform { run ``` return { count: inputs.extract.count * 2 }; ``` }
            job lookup    { run ``` return { count: 3, ok: true }; ``` }
            job load      { run ``` return { total: inputs.transform.count + inputs.lookup.count, region: params.region, ok: inputs.lookup.ok }; ``` }
            extract -> transform, lookup -> load
        }
        """;

    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "symbol-orchestrator-bench-data");
    private InMemoryStateStore _store = null!;
    private ScriptJobRunner _runner = null!;
    private RunExecutor _executor = null!;
    private WorkflowDefinition _workflow = null!;
    private int _runs;

    /// <summary>
    /// Not the Jint runner but one that returns at once with a small output: what is left is the executor's own
    /// cost a job (the DAG loop, the slots, the events, the thread-pool hops; the in-memory store's dictionaries).
    /// </summary>
    public bool InstantRunner { get; init; }

    /// <summary>
    /// The same diamond with an <c>on failure</c> handler (skipped: the runs succeed) and an <c>on exit</c> one (run):
    /// what a run's handler phase costs on top of its jobs.
    /// </summary>
    public bool WithHandlers { get; init; }

    private const string Handlers = """
        on failure { run ``` return run.failed; ``` }
        on exit    { run ``` return run.status; ``` }
        """;

    public static WorkflowDefinition Compile(string flowText, string name)
    {
        var compilation = FlowCompiler.CompileSources([("/bench/bench.flow", flowText)], CompileOptions.Default(DateTimeOffset.UtcNow), _ => null);
        return compilation.FindWorkflow(name)
            ?? throw new InvalidOperationException(string.Join("; ", compilation.Diagnostics.Select(d => d.ToString())));
    }

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_dataRoot);
        _store = new InMemoryStateStore();
        _runner = new ScriptJobRunner(new SandboxOptions { DataRoot = _dataRoot });
        _runner.WarmUp();
        _executor = new RunExecutor(_store, InstantRunner ? new Instant() : _runner, TimeProvider.System, new ExecutorOptions());
        _workflow = Compile(WithHandlers ? FlowText.Insert(FlowText.LastIndexOf('}'), Handlers + "\n") : FlowText, "bench");
        var run = RunOnceAsync().GetAwaiter().GetResult();
        if (InstantRunner)
            return;
        var load = _store.GetJobsAsync(run.RunId).GetAwaiter().GetResult().Single(j => j.Job == "load");
        if (run.Status != RunStatus.Succeeded || load.OutputJson != """{"total":243,"region":"eu","ok":true}""")
            throw new InvalidOperationException($"unexpected result: {run.Status} {load.OutputJson ?? load.Error}");
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    /// <summary>One whole run of <see cref="JobsPerRun"/> jobs; BenchmarkDotNet reports it per job (time and allocations).</summary>
    [Benchmark(OperationsPerInvoke = JobsPerRun)]
    public async Task<RunRecord> Run()
    {
        var run = await RunOnceAsync();
        // Keep the in-memory store small: the benchmark measures the executor, not a growing dictionary.
        if (++_runs % 1024 == 0)
            _store.Clear();
        return run;
    }

    public async Task<RunRecord> RunOnceAsync() =>
        (await _executor.StartAsync(_workflow, RunTrigger.Manual, DateTimeOffset.UtcNow).ConfigureAwait(false))!;

    /// <summary><paramref name="concurrent"/> runs at once, as a host with several runs in flight; returns when all have finished.</summary>
    public async Task RunManyAsync(int concurrent)
    {
        var runs = new Task[concurrent];
        for (var i = 0; i < concurrent; i++)
            runs[i] = RunOnceAsync();
        await Task.WhenAll(runs).ConfigureAwait(false);
        if ((_runs += concurrent) >= 1024)
        {
            _runs = 0;
            _store.Clear();
        }
    }

    private sealed class Instant : IJobRunner
    {
        private static readonly Task<AttemptResult> Done = Task.FromResult(AttemptResult.Success("""{"total":243,"region":"eu","ok":true}""", []));

        public Task<AttemptResult> RunAsync(WorkflowDefinition workflow, JobDefinition job, AttemptContext context, CancellationToken cancellationToken) => Done;
    }
}
