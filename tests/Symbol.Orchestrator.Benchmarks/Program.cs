using BenchmarkDotNet.Running;
using Symbol.Orchestrator.Benchmarks;

if (args is ["--cpu", ..])
{
    await CpuPerJob.RunAsync();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(TrivialJobBenchmarks).Assembly).Run(args);
