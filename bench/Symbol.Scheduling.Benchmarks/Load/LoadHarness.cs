using System.Diagnostics;
using System.Text.Json;

namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// Runs every scenario against both schedulers, <see cref="LoadOptions.Runs"/> times, each measurement in a fresh
/// process (<see cref="LoadChild"/>), and prints the medians as a Markdown table with the targets ours must meet.
/// A fresh process is what a user's program has: code not yet optimised by the tiered JIT, a thread pool that has
/// not grown, a garbage collector that has not tuned itself. Measured in one long-lived process after warm-up bursts
/// and the other scheduler's runs, ours looked five times faster than it is in a program of its own.
/// </summary>
internal static class LoadHarness
{
    public static readonly string[] ContenderNames = ["ours", "Quartz"];
    public static readonly string[] ScenarioNames = ["burst", "spread", "cron"];

    public static async Task<int> RunAsync(LoadOptions options)
    {
        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine($"sizes: burst {options.BurstJobs:N0} jobs; spread {options.SpreadJobs:N0} jobs over {options.SpreadOver.TotalSeconds:0.#} s; " +
                          $"cron {options.CronJobs:N0} jobs x {options.CronSeconds} s; {options.Runs} run(s){(options.IsQuick ? " (quick)" : "")}; " +
                          "each measurement in a fresh process");
        Console.WriteLine($"load average before: {MachineInfo.LoadAverage()}");
        Console.WriteLine();

        var results = new Results();
        for (int run = 1; run <= options.Runs; run++)
        {
            // Alternate who goes first, so neither always runs on a machine the other has just warmed.
            var order = (run % 2 == 1 ? ContenderNames : ContenderNames.Reverse()).Where(c => options.Only is null || c == options.Only).ToArray();
            foreach (var scenario in ScenarioNames)
            {
                foreach (var contender in order)
                {
                    var line = await RunChildAsync(scenario, contender, options);
                    using var json = JsonDocument.Parse(line);
                    double otherCores = json.RootElement.GetProperty("OtherCores").GetDouble();
                    var result = json.RootElement.GetProperty("Result");
                    object shown = scenario switch
                    {
                        "burst" => Add(results.Burst[contender], result.Deserialize<BurstResult>(LoadChild.Json)!),
                        "spread" => Add(results.Spread[contender], result.Deserialize<SpreadResult>(LoadChild.Json)!),
                        _ => Add(results.Cron[contender], result.Deserialize<CronResult>(LoadChild.Json)!),
                    };
                    Console.WriteLine($"run {run} {scenario,-6} {contender,-6} {shown} (other processes: {otherCores:F2} cores)");
                }
            }
        }

        Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine(ResultTable.Render(results));
        Console.WriteLine(Targets.Render(results, options));
        return 0;
    }

    private static T Add<T>(List<T> list, T result)
    {
        list.Add(result);
        return result;
    }

    /// <summary>Runs this program again as <c>load-one</c> and returns the JSON line it prints.</summary>
    private static async Task<string> RunChildAsync(string scenario, string contender, LoadOptions options)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        // Under `dotnet Program.dll` the process is the dotnet host, which needs the program's path first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(LoadHarness).Assembly.Location);
        foreach (var arg in (string[])["load-one", "--scenario", scenario, "--contender", contender])
            start.ArgumentList.Add(arg);
        if (options.IsQuick)
            start.ArgumentList.Add("--quick");
        using var child = Process.Start(start)!;
        string output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (child.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"load-one {scenario} {contender} exited with {child.ExitCode}: {output}");
        return line;
    }
}

/// <summary>Every run's result, per scenario and contender.</summary>
internal sealed class Results
{
    public Dictionary<string, List<BurstResult>> Burst { get; } = new() { ["ours"] = [], ["Quartz"] = [] };
    public Dictionary<string, List<SpreadResult>> Spread { get; } = new() { ["ours"] = [], ["Quartz"] = [] };
    public Dictionary<string, List<CronResult>> Cron { get; } = new() { ["ours"] = [], ["Quartz"] = [] };
}
