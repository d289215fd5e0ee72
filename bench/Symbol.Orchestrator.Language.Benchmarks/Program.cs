using BenchmarkDotNet.Running;
using Symbol.Orchestrator.Language.Benchmarks;

if (args.Length > 0 && args[0] == "--profile")
{
    Profile.Run(args.Skip(1).ToArray());
    return;
}
if (args.Length == 3 && args[0] == "--generate")
{
    // The benchmark's text as a file, to time the CLI end to end: -- --generate 4 /tmp/bench.flow
    File.WriteAllText(args[2], FlowTextGenerator.File(int.Parse(args[1]) * 1024 * 1024));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CompileBenchmarks).Assembly).Run(args);
