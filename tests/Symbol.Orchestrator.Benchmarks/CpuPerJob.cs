using System.Diagnostics;

namespace Symbol.Orchestrator.Benchmarks;

/// <summary>
/// The trivial job's CPU time, the issue's measure: process CPU (all threads, GC included) over many
/// attempts, in rounds, reported as the median round. Unlike wall time it holds on a busy machine.
/// </summary>
internal static class CpuPerJob
{
    public static async Task RunAsync(int jobsPerRound = 20_000, int rounds = 7)
    {
        var bench = new TrivialJobBenchmarks();
        bench.Setup();
        try
        {
            for (var i = 0; i < jobsPerRound; i++)
            {
                bench.RunInline();
                await bench.RunAsync();
            }
            var inline = new List<double>();
            var async = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                inline.Add(Measure(jobsPerRound, () => bench.RunInline()));
                async.Add(await MeasureAsync(jobsPerRound, bench.RunAsync));
            }
            Console.WriteLine($"CPU per trivial job, median of {rounds} rounds of {jobsPerRound} (target 50 µs):");
            Console.WriteLine($"  Run (inline)  {Median(inline),6:F1} µs   rounds: {string.Join(" ", inline.Select(v => v.ToString("F1")))}");
            Console.WriteLine($"  RunAsync      {Median(async),6:F1} µs   rounds: {string.Join(" ", async.Select(v => v.ToString("F1")))}");
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static double Measure(int jobs, Action job)
    {
        var before = CpuTime();
        for (var i = 0; i < jobs; i++)
        {
            job();
        }
        return (CpuTime() - before).TotalMicroseconds / jobs;
    }

    private static async Task<double> MeasureAsync(int jobs, Func<Task> job)
    {
        var before = CpuTime();
        for (var i = 0; i < jobs; i++)
        {
            await job();
        }
        return (CpuTime() - before).TotalMicroseconds / jobs;
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
