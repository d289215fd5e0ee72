using System.Globalization;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>The command line: <c>[startup|reload|accuracy|cancel|all] [--runs N] [--seconds S] [--workflows N] [--reloads K] [--samples K] [--cron EXPR] [--debounce MS] [--max-parallel-jobs N]</c>.</summary>
internal sealed record Settings(string Which, int Runs, int Seconds, int Workflows, int Reloads, TimeSpan Debounce, int? MaxParallelJobs = null, int Samples = 50, string Cron = Corpus.EverySecond)
{
    public const string Usage = "usage: [startup|reload|accuracy|cancel|all] [--runs N] [--seconds S] [--workflows N] [--reloads K] [--samples K] [--cron EXPR] [--debounce MS] [--max-parallel-jobs N]";

    public static Settings Parse(string[] args)
    {
        var settings = new Settings("all", Runs: 3, Seconds: 60, Workflows: 1000, Reloads: 10, Debounce: TimeSpan.FromMilliseconds(300));
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number");
            settings = args[i] switch
            {
                "startup" or "reload" or "accuracy" or "cancel" or "all" => settings with { Which = args[i] },
                "--runs" => settings with { Runs = Next() },
                "--seconds" => settings with { Seconds = Next() },
                "--workflows" => settings with { Workflows = Next() },
                "--reloads" => settings with { Reloads = Next() },
                "--samples" => settings with { Samples = Next() },
                "--cron" when i + 1 < args.Length => settings with { Cron = args[++i] },
                "--debounce" => settings with { Debounce = TimeSpan.FromMilliseconds(Next()) },
                "--max-parallel-jobs" => settings with { MaxParallelJobs = Next() },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        return settings;
    }
}
