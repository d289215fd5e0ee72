using System.Text.Json;
using System.Text.Json.Serialization;

namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// One measurement in a process of its own (<c>load-one --scenario S --contender C [--quick]</c>): a warm-up as a
/// program that has just started would have, the scenario, and one JSON line with the result on stdout.
/// </summary>
internal static class LoadChild
{
    /// <summary>How results travel from the child to <see cref="LoadHarness"/>: a figure no run produced is NaN.</summary>
    public static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    // Long enough to add every spread job before the first is due.
    private static readonly TimeSpan SpreadLead = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        string? scenario = Value(args, "--scenario");
        string? contender = Value(args, "--contender");
        if (scenario is null || contender is null || !LoadHarness.ScenarioNames.Contains(scenario) || !LoadHarness.ContenderNames.Contains(contender))
        {
            Console.Error.WriteLine("load-one: expected --scenario burst|spread|cron --contender ours|Quartz [--quick]");
            return 2;
        }
        var options = args.Contains("--quick") ? LoadOptions.Quick : LoadOptions.Full;
        Func<IContender> create = contender == "ours" ? () => new OursContender() : () => new QuartzContender();

        await WarmUpAsync(create);
        var load = OtherLoad.Take();
        object result = scenario switch
        {
            "burst" => await Measure(create, c => Burst.RunAsync(c, options.BurstJobs, BurstLead(contender, options))),
            "spread" => await Measure(create, c => Spread.RunAsync(c, options.SpreadJobs, options.SpreadOver, SpreadLead)),
            _ => await Measure(create, c => CronLoad.RunAsync(c, options.CronJobs, options.CronSeconds)),
        };
        Console.WriteLine(JsonSerializer.Serialize(new { Result = result, OtherCores = OtherLoad.CoresSince(load) }, Json));
        return 0;
    }

    /// <summary>
    /// As the independent harness does: 1,000 one-offs over 100 ms, then half a second of quiet, in which the tiered
    /// JIT compiles what they ran. Enough for a program that has scheduled a few jobs, not for every path to be optimised.
    /// </summary>
    private static async Task WarmUpAsync(Func<IContender> create)
    {
        await Measure(create, c => Spread.RunAsync(c, 1_000, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
    }

    // Ours adds 100,000 jobs well within 2 s; Quartz adds some 20,000 a second on a busy machine.
    private static TimeSpan BurstLead(string contender, LoadOptions options) =>
        contender == "ours" ? options.BurstLead : options.BurstLead + TimeSpan.FromSeconds(options.BurstJobs / 20_000.0);

    private static async Task<object> Measure<T>(Func<IContender> create, Func<IContender, Task<T>> scenario) where T : notnull
    {
        // Start from a clean heap so that the warm-up's garbage is not collected during the measurement.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        await using var contender = create();
        return await scenario(contender);
    }

    private static string? Value(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
