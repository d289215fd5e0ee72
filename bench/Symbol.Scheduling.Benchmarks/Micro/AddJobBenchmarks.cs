using BenchmarkDotNet.Attributes;

namespace Symbol.Scheduling.Benchmarks.Micro;

/// <summary>
/// Adding one-off jobs to a fresh scheduler that is not started. A job can be scheduled only once,
/// so each invocation builds its jobs; <see cref="CreateJobs"/> measures that part alone.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AddJobBenchmarks
{
    private static readonly Action<ScheduledFire> NoOp = static _ => { };
    private static readonly DateTimeOffset Due = DateTimeOffset.UtcNow.AddDays(1);

    [Params(1_000, 100_000)]
    public int Jobs { get; set; }

    [Benchmark(Baseline = true)]
    public ScheduledJob? CreateJobs()
    {
        ScheduledJob? last = null;
        for (int i = 0; i < Jobs; i++)
            last = new ScheduledJob("job", NoOp, Due);
        return last;
    }

    [Benchmark]
    public Scheduler CreateAndAddJobs()
    {
        var scheduler = new Scheduler();
        for (int i = 0; i < Jobs; i++)
            scheduler.AddJob(new ScheduledJob("job", NoOp, Due));
        return scheduler;
    }
}
