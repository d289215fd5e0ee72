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
        await ExecutorAsync(jobsPerRound / ExecutorBenchmarks.JobsPerRun, rounds);
        await ExecutorAsync(jobsPerRound / ExecutorBenchmarks.JobsPerRun, rounds, instantRunner: true);
    }

    /// <summary>
    /// The same measure end to end in the executor (RunExecutor + ScriptJobRunner + an in-memory store): whole
    /// runs of a 4-job diamond, one run at a time, then 8 runs in flight; CPU divided by the jobs run.
    /// </summary>
    public static async Task ExecutorAsync(int runsPerRound = 5_000, int rounds = 7, bool instantRunner = false, bool withHandlers = false)
    {
        var bench = new ExecutorBenchmarks { InstantRunner = instantRunner, WithHandlers = withHandlers };
        bench.Setup();
        try
        {
            const int InFlight = 8;
            for (var i = 0; i < runsPerRound; i++)
                await bench.Run();
            for (var i = 0; i < runsPerRound / InFlight; i++)
                await bench.RunManyAsync(InFlight);
            var serial = new List<double>();
            var parallel = new List<double>();
            var jobs = runsPerRound * ExecutorBenchmarks.JobsPerRun;
            for (var round = 0; round < rounds; round++)
            {
                // MeasureAsync gives µs a call: a call is one run, or InFlight runs, of JobsPerRun jobs each.
                serial.Add(await MeasureAsync(runsPerRound, bench.Run) / ExecutorBenchmarks.JobsPerRun);
                parallel.Add(await MeasureAsync(runsPerRound / InFlight, () => bench.RunManyAsync(InFlight)) / (InFlight * ExecutorBenchmarks.JobsPerRun));
            }
            if (withHandlers)
                Console.WriteLine("With an on failure handler (skipped) and an on exit handler (run) in every run; CPU still divided by the 4 jobs:");
            Console.WriteLine(instantRunner
                ? $"CPU per job of the executor alone (RunExecutor + an instant runner, in-memory store; 4-job diamond runs), median of {rounds} rounds of {jobs} jobs:"
                : $"CPU per trivial job in the executor (RunExecutor + ScriptJobRunner, in-memory store; 4-job diamond runs), median of {rounds} rounds of {jobs} jobs (target 50 µs):");
            Console.WriteLine($"  1 run at a time    {Median(serial),6:F1} µs   rounds: {string.Join(" ", serial.Select(v => v.ToString("F1")))}");
            Console.WriteLine($"  {InFlight} runs in flight    {Median(parallel),6:F1} µs   rounds: {string.Join(" ", parallel.Select(v => v.ToString("F1")))}");
            Console.WriteLine($"  load average: {LoadAverage()}");
        }
        finally
        {
            bench.Cleanup();
        }
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
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
