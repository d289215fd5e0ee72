using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// Two jobs: the runtime's defaults (workstation GC, as any application that embeds the library gets),
/// and the runtime settings of the <c>orchestrator</c> executable (server GC; see its project file), which
/// is how <c>validate</c> and the host compile. ShortRun's 3 iterations give no useful median on a shared
/// machine (a single slow round moves it by half), so each job runs 15. Warm-up: with tiered PGO a
/// compile's code is re-jitted over its first 12–20 calls (the first takes ~450 ms, the twentieth ~70), and
/// an iteration here is only one or two calls (BenchmarkDotNet's pilot sizes it from those slow first
/// calls), so ShortRun's 3 warm-ups, and the 10 used until the fifth round, left part of that tail in the
/// measured iterations. 30 measure the steady state: the code a host that reloads, or a long validate,
/// runs. The first compiles of a process are the CLI benchmark's business (bench-cli.sh, end to end).
/// </summary>
internal sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(30).WithIterationCount(15).WithId("DefaultRuntime"));
        AddJob(Job.ShortRun.WithWarmupCount(30).WithIterationCount(15).WithGcServer(true).WithId("AsOrchestratorRuns"));
        AddColumn(new ThroughputColumn());
    }
}
