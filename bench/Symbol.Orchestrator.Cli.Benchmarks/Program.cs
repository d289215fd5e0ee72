using BenchmarkDotNet.Running;
using Symbol.Orchestrator.Cli.Benchmarks;

// "generate DIR N" writes a corpus for the end-to-end timing in bench-cli.sh; anything else runs BenchmarkDotNet.
if (args is ["generate", var folder, var count])
{
    WorkflowCorpus.Write(folder, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(PreviewBenchmarks).Assembly).Run(args);
return 0;
