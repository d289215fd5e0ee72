using BenchmarkDotNet.Running;
using Symbol.Orchestrator.Language.Benchmarks;

if (args.Length > 0 && args[0] == "--profile")
{
    Profile.Run(args.Skip(1).ToArray());
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CompileBenchmarks).Assembly).Run(args);
