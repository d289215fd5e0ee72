using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// ShortRun twice: with the runtime's default (concurrent) GC, and with concurrent GC off. Compiling
/// builds a large tree that survives, and on a small, busy machine the background GC's thread fights
/// the parser for a core: measured 25–37 MB/s against 150 MB/s for the grammar alone.
/// ShortRun's 3 iterations give no useful median on a shared machine (a single slow round moves it
/// by half), so each job runs 15.
/// </summary>
internal sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithIterationCount(15).WithId("ShortRun"));
        AddJob(Job.ShortRun.WithIterationCount(15).WithGcConcurrent(false).WithId("ShortRun-GcConcurrentOff"));
        AddColumn(new ThroughputColumn());
    }
}
