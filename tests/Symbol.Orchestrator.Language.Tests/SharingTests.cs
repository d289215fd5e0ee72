
namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// A compiled folder shares what repeats (job names, cron lines, fan-out upstream lists): the result is
/// what every collection during a compile copies. Sharing must never mix up what differs: the zone a
/// cron line is read in, a broken line's error, a job's own upstream.
/// </summary>
public sealed class SharingTests
{
    private const string Jobs = """
        job extract { run ``` return 1; ``` }
        job left { run ``` return 2; ``` }
        job right { run ``` return 3; ``` }
        job load { run ``` return 4; ``` }
        extract -> left, right -> load
        """;

    [Fact]
    public void WorkflowsShareRepeatedJobNamesAndCronLines()
    {
        var result = Compile.Text($$"""
            workflow a { schedule cron "0 2 * * *" {{Jobs}} }
            workflow b { schedule cron "0 2 * * *" {{Jobs}} }
            """);
        Assert.Empty(result.Diagnostics);
        var (a, b) = (result.Workflows[0], result.Workflows[1]);
        Assert.Same(a.Jobs[0].Name, b.Jobs[0].Name);
        Assert.Same(a.Schedules[0].Schedule, b.Schedules[0].Schedule);
        Assert.Same(a.Schedules[0].Text, b.Schedules[0].Text);
    }

    [Fact]
    public void JobsThatWaitForTheSameJobsShareOneUpstreamListAndOthersKeepTheirOwn()
    {
        var w = Compile.Single("workflow w { " + Jobs + " }");
        var left = w.FindJob("left")!;
        var right = w.FindJob("right")!;
        Assert.Equal(["extract"], left.Upstream);
        Assert.Same(left.Upstream, right.Upstream);
        Assert.Equal(["left", "right"], w.FindJob("load")!.Upstream);
        Assert.Empty(w.FindJob("extract")!.Upstream);
    }

    [Fact]
    public void TheSameCronLineInTwoZonesFiresAtEachZonesOwnInstants()
    {
        var result = Compile.Text($$"""
            workflow berlin { timezone "Europe/Berlin" schedule cron "0 2 * * *" {{Jobs}} }
            workflow york { timezone "America/New_York" schedule cron "0 2 * * *" {{Jobs}} }
            workflow utc { schedule "0 2 * * *" {{Jobs}} }
            """);
        Assert.Empty(result.Diagnostics);
        var from = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset Next(string name) => result.FindWorkflow(name)!.Schedule!.NextAfter(from)!.Value;
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero), Next("berlin"));   // 02:00 CEST
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero), Next("york"));     // 02:00 EDT
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero), Next("utc"));
        Assert.Equal("cron \"0 2 * * *\"", result.FindWorkflow("berlin")!.Schedules[0].Text);
        Assert.Equal("\"0 2 * * *\"", result.FindWorkflow("utc")!.Schedules[0].Text);
    }

    [Fact]
    public void ABrokenCronLineIsReportedEveryTimeItIsCompiled()
    {
        const string text = "workflow w { schedule cron \"61 * * * *\" job a { run ``` return 1; ``` } }";
        var first = Compile.Lines(text);
        Assert.Single(first);
        Assert.Equal(first, Compile.Lines(text));
    }

    [Fact]
    public void MoreDistinctCronLinesThanTheCacheHoldsAllCompileToTheirOwnSchedules()
    {
        // 1,500 distinct lines: past the cache's bound, each workflow still gets its own minute.
        var text = string.Concat(Enumerable.Range(0, 1500).Select(k =>
            $"workflow w{k} {{ schedule cron \"{k % 60} {k / 60 % 24} {k / 1440 + 1} * *\" job a {{ run ``` return 1; ``` }} }}\n"));
        var result = Compile.Text(text);
        Assert.Empty(result.Diagnostics);
        var from = new DateTimeOffset(2026, 5, 31, 12, 0, 0, TimeSpan.Zero);
        for (int k = 0; k < 1500; k++)
            Assert.Equal(new DateTimeOffset(2026, 6, k / 1440 + 1, k / 60 % 24, k % 60, 0, TimeSpan.Zero), result.FindWorkflow($"w{k}")!.Schedule!.NextAfter(from));
    }

    [Fact]
    public void NamesPastThePoolsBoundsKeepTheirOwnText()
    {
        // 5,000 distinct job names (the pool holds 4,096 and then starts over) and names of 65 and 200
        // characters (longer than it pools): each job keeps exactly the name it was written with.
        var longName = new string('x', 200);
        var text = string.Concat(Enumerable.Range(0, 1000).Select(w =>
            $"workflow w{w} {{ {string.Concat(Enumerable.Range(0, 5).Select(j => $"job j{w}_{j} {{ run ``` return 1; ``` }} "))} j{w}_0 -> j{w}_1 }}\n"))
            + $"workflow long {{ job {longName} {{ run ``` return 1; ``` }} job {new string('y', 65)} {{ run ``` return 2; ``` }} {longName} -> {new string('y', 65)} }}\n";
        var result = Compile.Text(text);
        Assert.Empty(result.Diagnostics);
        for (int w = 0; w < 1000; w += 7)
        {
            var workflow = result.FindWorkflow($"w{w}")!;
            Assert.Equal(Enumerable.Range(0, 5).Select(j => $"j{w}_{j}"), workflow.Jobs.Select(j => j.Name));
            Assert.Equal([$"j{w}_0"], workflow.FindJob($"j{w}_1")!.Upstream);
        }
        var last = result.FindWorkflow("long")!;
        Assert.Equal([longName, new string('y', 65)], last.Jobs.Select(j => j.Name));
        Assert.Equal([longName], last.Jobs[1].Upstream);
    }
}
