using BenchmarkDotNet.Running;
using Symbol.Orchestrator.Benchmarks;

if (args is ["--cpu", ..])
{
    await CpuPerJob.RunAsync();
    return;
}
if (args is ["--executor-cpu", ..])
{
    await CpuPerJob.ExecutorAsync(instantRunner: args.Contains("instant"), withHandlers: args.Contains("handlers"));
    return;
}
if (args is ["--telemetry-cost", ..])
{
    await TelemetryCost.RunAsync();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(TrivialJobBenchmarks).Assembly).Run(args);
