using BenchmarkDotNet.Attributes;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;

namespace Symbol.Orchestrator.Benchmarks;

/// <summary>
/// One attempt of a trivial job, store excluded: a fresh sandboxed engine, two small upstream outputs
/// parsed in, a prepared script, the output serialised. Target (issue 4): at most 50 µs of CPU.
/// <see cref="RunInline"/> is the CPU of the attempt itself; <see cref="RunAsync"/> adds the hop to
/// the thread pool the executor sees.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TrivialJobBenchmarks
{
    private static readonly ScriptSource Script = new(
        "return { total: inputs.extract.count + inputs.lookup.count, region: params.region, ok: inputs.lookup.ok };", "bench.flow", 12, 20);

    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "symbol-orchestrator-bench-data");
    private ScriptJobRunner _runner = null!;
    private WorkflowDefinition _workflow = null!;
    private JobDefinition _job = null!;
    private AttemptContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runner = new ScriptJobRunner(new SandboxOptions { DataRoot = _dataRoot });
        _job = new JobDefinition("load", new SourcePosition("bench.flow", 11, 5), RetryPolicy.None, null, Script, ["extract", "lookup"]);
        _workflow = new WorkflowDefinition(
            "bench", new SourcePosition("bench.flow", 1, 1), "", [], TimeZoneInfo.Utc, CatchupPolicy.Default, 1, OverlapPolicy.Skip,
            """{"region":"eu","batch":500}""", [], [_job], []);
        _context = new AttemptContext("bench@2026-11-28T01:00:00Z", "bench", "load", new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero), 1,
            """{"region":"eu","batch":500}""",
            new Dictionary<string, string> { ["extract"] = """{"count":120,"file":"in/2026-11-28.csv"}""", ["lookup"] = """{"count":3,"ok":true}""" });
        _runner.WarmUp();
        var check = _runner.Run(_workflow, _job, _context, CancellationToken.None);
        if (check.OutputJson != """{"total":123,"region":"eu","ok":true}""")
        {
            throw new InvalidOperationException($"unexpected result: {check.OutputJson ?? check.Error}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark(Baseline = true)]
    public AttemptResult RunInline() => _runner.Run(_workflow, _job, _context, CancellationToken.None);

    [Benchmark]
    public Task<AttemptResult> RunAsync() => _runner.RunAsync(_workflow, _job, _context, CancellationToken.None);
}
