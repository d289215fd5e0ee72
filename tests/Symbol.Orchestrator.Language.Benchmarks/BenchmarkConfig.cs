using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// Two jobs: the runtime's defaults (workstation GC, as any application that embeds the library gets),
/// and the runtime settings of the <c>orchestrator</c> executable (server GC; see its project file), which
/// is how <c>validate</c> and the host compile. ShortRun's 3 iterations give no useful median on a shared
/// machine (a single slow round moves it by half), so each job runs 15. Its 3 warm-up iterations are too
/// few: with tiered PGO a compile's code is still being re-jitted for about its first ten calls (each
/// ~5 calls an iteration), which showed as slow first measured iterations; 10 warm-ups measure the
/// steady state, the code a host that reloads, or a long validate, runs.
/// </summary>
internal sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(10).WithIterationCount(15).WithId("DefaultRuntime"));
        AddJob(Job.ShortRun.WithWarmupCount(10).WithIterationCount(15).WithGcServer(true).WithId("AsOrchestratorRuns"));
        AddColumn(new ThroughputColumn());
    }
}
