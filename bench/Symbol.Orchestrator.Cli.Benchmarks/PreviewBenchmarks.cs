using BenchmarkDotNet.Attributes;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Cli.Benchmarks;

/// <summary>The pure parts of <c>preview</c> and <c>validate</c>, in process, without start-up or disk.</summary>
[MemoryDiagnoser]
public class PreviewBenchmarks
{
    private static readonly DateTimeOffset From = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private IReadOnlyList<WorkflowDefinition> _workflows = [];
    private IReadOnlyList<(string Path, string Text)> _sources = [];

    [GlobalSetup]
    public void Setup()
    {
        _workflows = FlowCompiler.CompileSources(WorkflowCorpus.InMemory(1_000), CompileOptions.Default(From), _ => null).Workflows;
        if (_workflows.Count != 1_000)
            throw new InvalidOperationException($"the corpus compiled to {_workflows.Count} workflows");
        _sources = WorkflowCorpus.InMemory(10_000);
    }

    [Benchmark(Description = "preview: 1,000 workflows x 100 fires (fires, DST notes, plan, catch-up)")]
    public int Preview1000x100()
    {
        var options = new PreviewOptions(From, Count: 100, DownSince: From.AddDays(-2));
        int fires = 0;
        foreach (var workflow in _workflows)
            fires += WorkflowPreview.Create(workflow, options).Next.Count;
        return fires;
    }

    [Benchmark(Description = "compile: 10,000 workflows from memory")]
    public int Compile10000() =>
        FlowCompiler.CompileSources(_sources, CompileOptions.Default(From), _ => null).Workflows.Count;
}
