namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// Runs every scenario against both schedulers, <see cref="LoadOptions.Runs"/> times, in one
/// process, and prints the medians as a Markdown table with the targets ours must meet.
/// </summary>
internal static class LoadHarness
{
    private static readonly (string Name, Func<IContender> Create)[] Contenders =
    [
        ("ours", () => new OursContender()),
        ("Quartz", () => new QuartzContender()),
    ];

    // Long enough to add every spread job before the first is due.
    private static readonly TimeSpan SpreadLead = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine($"sizes: burst {options.BurstJobs:N0} jobs; spread {options.SpreadJobs:N0} jobs over {options.SpreadOver.TotalSeconds:0.#} s; " +
                          $"cron {options.CronJobs:N0} jobs x {options.CronSeconds} s; {options.Runs} run(s){(options.IsQuick ? " (quick)" : "")}");
        Console.WriteLine($"load average before: {MachineInfo.LoadAverage()}");
        Console.WriteLine();

        var leads = await WarmUpAsync(options);
        var results = new Results();
        for (int run = 1; run <= options.Runs; run++)
        {
            // Alternate who goes first, so neither always inherits the other's thread-pool state.
            var order = (run % 2 == 1 ? Contenders : Contenders.Reverse()).Where(c => options.Only is null || c.Name == options.Only).ToArray();
            foreach (var (name, create) in order)
                results.Burst[name].Add(Report(run, name, "burst", await MeasureAsync(create, c => Burst.RunAsync(c, options.BurstJobs, leads[name]))));
            foreach (var (name, create) in order)
                results.Spread[name].Add(Report(run, name, "spread", await MeasureAsync(create, c => Spread.RunAsync(c, options.SpreadJobs, options.SpreadOver, SpreadLead))));
            foreach (var (name, create) in order)
                results.Cron[name].Add(Report(run, name, "cron", await MeasureAsync(create, c => CronLoad.RunAsync(c, options.CronJobs, options.CronSeconds))));
        }

        Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine(ResultTable.Render(results));
        Console.WriteLine(Targets.Render(results, options));
        return 0;
    }

    /// <summary>
    /// The first runs of a process pay for JIT compilation and thread-pool growth; neither belongs in
    /// the figures. Returns each contender's burst lead: long enough to add every job before the due
    /// instant at the registration rate seen here (Quartz needs seconds for 100,000 jobs).
    /// </summary>
    private static async Task<Dictionary<string, TimeSpan>> WarmUpAsync(LoadOptions options)
    {
        Console.WriteLine("warming up...");
        var leads = new Dictionary<string, TimeSpan>();
        foreach (var (name, create) in Contenders.Where(c => options.Only is null || c.Name == options.Only))
        {
            var (burst, _) = await MeasureAsync(create, c => Burst.RunAsync(c, Math.Min(options.BurstJobs, 10_000), TimeSpan.FromSeconds(1)));
            await MeasureAsync(create, c => Spread.RunAsync(c, 500, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)));
            var needed = TimeSpan.FromSeconds(1.5 * options.BurstJobs / burst.RegistrationPerSecond + 0.5);
            leads[name] = needed > options.BurstLead ? needed : options.BurstLead;
            Console.WriteLine($"{name}: burst lead {leads[name].TotalSeconds:F1} s");
        }
        return leads;
    }

    private static async Task<(T Result, double OtherCores)> MeasureAsync<T>(Func<IContender> create, Func<IContender, Task<T>> scenario)
    {
        // Start from a clean heap so that one scenario's garbage is not collected during the next.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        await using var contender = create();
        var load = OtherLoad.Take();
        var result = await scenario(contender);
        return (result, OtherLoad.CoresSince(load));
    }

    private static T Report<T>(int run, string contender, string scenario, (T Result, double OtherCores) measured)
    {
        Console.WriteLine($"run {run} {scenario,-6} {contender,-6} {measured.Result} (other processes: {measured.OtherCores:F2} cores)");
        return measured.Result;
    }
}

/// <summary>Every run's result, per scenario and contender.</summary>
internal sealed class Results
{
    public Dictionary<string, List<BurstResult>> Burst { get; } = new() { ["ours"] = [], ["Quartz"] = [] };
    public Dictionary<string, List<SpreadResult>> Spread { get; } = new() { ["ours"] = [], ["Quartz"] = [] };
    public Dictionary<string, List<CronResult>> Cron { get; } = new() { ["ours"] = [], ["Quartz"] = [] };
}
