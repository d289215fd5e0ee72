using BenchmarkDotNet.Running;
using Symbol.Scheduling.Benchmarks.Load;

namespace Symbol.Scheduling.Benchmarks;

internal static class Program
{
    private const string Usage = """
        usage:
          load [--runs N] [--quick] [--only ours|Quartz]
              our Scheduler against Quartz.NET under load, median of N runs (default 3), each
              measurement in a fresh process; --quick: one run of smaller counts, a smoke check;
              --only: one scheduler, to profile it
          load-one --scenario burst|spread|cron --contender ours|Quartz [--quick]
              one measurement in this process, printed as one JSON line (what load runs)
          micro [BenchmarkDotNet arguments]
              BenchmarkDotNet micro-benchmarks (default: --filter *)
        """;

    private static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "load":
                return LoadOptions.TryParse(args[1..], out var options, out var error)
                    ? await LoadHarness.RunAsync(options)
                    : Fail(error);
            case "load-one":
                return await LoadChild.RunAsync(args[1..]);
            case "micro":
                // Without a filter BenchmarkSwitcher asks which benchmark to run, which hangs a script.
                var rest = args.Length > 1 ? args[1..] : ["--filter", "*"];
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
                return 0;
            default:
                return Fail(null);
        }
    }

    private static int Fail(string? error)
    {
        if (error is not null)
            Console.Error.WriteLine(error);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
