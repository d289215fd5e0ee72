using BenchmarkDotNet.Attributes;

namespace Symbol.Scheduling.Benchmarks.Micro;

/// <summary>The next fire of a cron schedule, in UTC and in a zone with DST.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CronNextAfterBenchmarks
{
    // An ordinary instant, away from any DST transition.
    private static readonly DateTimeOffset From = new(2026, 6, 15, 12, 34, 56, TimeSpan.Zero);
    private Schedule _schedule = null!;

    [Params("* * * * * *", "0 30 9 * * MON-FRI")]
    public string Expression { get; set; } = "";

    [Params("UTC", "Europe/Berlin")]
    public string Zone { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _schedule = Schedule.Cron(Expression, Zone);

    [Benchmark]
    public DateTimeOffset? NextAfter() => _schedule.NextAfter(From);
}
