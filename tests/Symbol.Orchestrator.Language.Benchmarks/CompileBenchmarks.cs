using BenchmarkDotNet.Attributes;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>Parse + compile throughput on realistic text held in memory; divide <see cref="Megabytes"/> by the median for MB/s.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private string _text = "";
    private readonly CompileOptions _options = CompileOptions.Default(DateTimeOffset.UtcNow);

    [Params(1)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Setup() => _text = FlowTextGenerator.File(Megabytes * 1024 * 1024);

    [Benchmark]
    public int ParseAndCompile() =>
        FlowCompiler.CompileSources([("bench.flow", _text)], _options, _ => null).Workflows.Count;
}
