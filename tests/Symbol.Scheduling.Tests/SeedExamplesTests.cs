// The seed design's two examples, written as a user outside the Symbol.* namespaces would write them.
// There the bare name Symbol means the namespace, so the type comes in through an alias.
using Microsoft.Extensions.Time.Testing;
using Symbol.Scheduling;

namespace SeedExamples;

using Symbol = global::Symbol.Scheduling.Symbol;

public class SeedExamplesTests
{
    [Fact]
    public void MicroserviceOrchestration_IngestsEveryMinute_TransformsAfter10s_LoadsAfter20s()
    {
        var start = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var log = new List<string>();
        void Record(string what) { lock (log) log.Add($"{clock.GetUtcNow():HH:mm:ss} {what}"); }

        void IngestData(string source) => Record($"ingest {source}");
        void TransformData(string mode) => Record($"transform {mode}");
        void LoadData(string target) => Record($"load {target}");

        using var scheduler = new Scheduler(clock);
        scheduler.AddJob(new ScheduledJob("ingest", IngestData, "* * * * *", args: ["orders-api"]));
        scheduler.AddJob(new ScheduledJob("transform", TransformData, start.AddSeconds(10), namedArgs: new Dictionary<string, object?> { ["mode"] = "normalise" }));
        scheduler.AddJob(new ScheduledJob("load", LoadData, new Symbol("2026-11-27T10:00:20Z"), args: ["warehouse"]));
        scheduler.Start();

        Drive(scheduler, clock, start.AddMinutes(2));

        Assert.Equal([
            "10:00:00 ingest orders-api",
            "10:00:10 transform normalise",
            "10:00:20 load warehouse",
            "10:01:00 ingest orders-api",
            "10:02:00 ingest orders-api",
        ], log);
    }

    [Fact]
    public void ReportGeneration_OneOffIn5s_AndEveryMinuteOnMondays()
    {
        var sundayNight = new DateTimeOffset(2026, 11, 29, 23, 58, 0, TimeSpan.Zero); // 2026-11-30 is a Monday
        var clock = new FakeTimeProvider(sundayNight);
        var reports = new List<string>();
        void GenerateReport(string kind, ScheduledFire fire) { lock (reports) reports.Add($"{kind} {fire.ScheduledAt:ddd HH:mm:ss}"); }

        using var scheduler = new Scheduler(clock);
        scheduler.AddJob(new ScheduledJob("adhoc", GenerateReport, sundayNight.AddSeconds(5), args: ["ad-hoc"]));
        scheduler.AddJob(new ScheduledJob("monday", GenerateReport, "* * * * MON", args: ["monday"]));
        scheduler.Start();

        Drive(scheduler, clock, sundayNight.AddMinutes(5));

        Assert.Equal([
            "ad-hoc Sun 23:58:05",
            "monday Mon 00:00:00",
            "monday Mon 00:01:00",
            "monday Mon 00:02:00",
            "monday Mon 00:03:00",
        ], reports);
    }

    private static void Drive(Scheduler scheduler, FakeTimeProvider clock, DateTimeOffset until)
    {
        void Settle() => Wait.Until(() => scheduler.Jobs.All(j => j.NextRun > clock.GetUtcNow()) && scheduler.RunningCount == 0, "the scheduler to settle");
        Settle();
        while ((scheduler.Jobs is [var first, ..] ? first.NextRun : null) is { } next && next <= until)
        {
            clock.SetUtcNow(next);
            Settle();
        }
    }
}
