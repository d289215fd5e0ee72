using BenchmarkDotNet.Attributes;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// Throughput on realistic generated text held in memory: the grammar alone, and parse + compile
/// (binding, schedules, JSON, and Acornima's syntax check of every script).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(BenchmarkConfig))]
public class CompileBenchmarks
{
    private string _text = "";
    private readonly CompileOptions _options = CompileOptions.Default(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Params(4)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Setup() => _text = FlowTextGenerator.File(Megabytes * 1024 * 1024);

    [Benchmark]
    public int Grammar() => FlowGrammar.ParseFile(_text).Items.Count;

    [Benchmark]
    public int ParseAndCompile() =>
        FlowCompiler.CompileSources([("bench.flow", _text)], _options, _ => null).Workflows.Count;
}
