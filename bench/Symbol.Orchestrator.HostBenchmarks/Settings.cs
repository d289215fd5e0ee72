using System.Globalization;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// The command line: <c>[startup|reload|accuracy|cancel|all|load|drain|api] [--runs N] [--seconds S] [--workflows N] [--reloads K] [--samples K]
/// [--cron EXPR] [--debounce MS] [--max-parallel-jobs N] [--store sqlite|postgres] [--hosts N] [--fsync on|off] [--queued N] [--pool N] [--clients N] [--stored N] [--telemetry off|on|both]</c>.
/// </summary>
internal sealed record Settings(string Which, int Runs, int Seconds, int Workflows, int Reloads, TimeSpan Debounce, int? MaxParallelJobs = null, int Samples = 50, string Cron = Corpus.EverySecond)
{
    public const string Usage = "usage: [startup|reload|accuracy|cancel|all|load|drain|api] [--runs N] [--seconds S] [--workflows N] [--reloads K] [--samples K] [--cron EXPR] "
        + "[--debounce MS] [--max-parallel-jobs N] [--store sqlite|postgres] [--hosts N] [--fsync on|off] [--queued N] [--pool N] [--clients N] [--stored N] [--telemetry off|on|both]";

    /// <summary>The hosts' store: SQLite (startup, reload, accuracy, cancel) or a private PostgreSQL server, one database per measurement (load, drain).</summary>
    public string Store { get; init; } = "sqlite";

    /// <summary>load and drain: host processes on one workflows folder and one store, each its own Owner.</summary>
    public int Hosts { get; init; } = 1;

    /// <summary>The private PostgreSQL server's fsync: off is a diagnosis (what fsync costs), never a result.</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>drain: runs queued at once for the hosts to take.</summary>
    public int Queued { get; init; } = 20_000;

    /// <summary>load and drain: the hosts' connection pool (MaxPoolSize in the URL); null keeps the store's default.</summary>
    public int? Pool { get; init; }

    /// <summary>api: clients reading the host's event stream at once.</summary>
    public int Clients { get; init; } = 100;

    /// <summary>api: runs in the store before the runs API is timed.</summary>
    public int Stored { get; init; } = 100_000;

    /// <summary>accuracy: hosts without telemetry (<c>off</c>), with OTLP export and /metrics scraped (<c>on</c>), or alternated in that order (<c>both</c>).</summary>
    public string[] Telemetry { get; init; } = ["off"];

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
                "startup" or "reload" or "accuracy" or "cancel" or "all" or "load" or "drain" or "api" => settings with { Which = args[i] },
                "--store" when i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres" => settings with { Store = args[++i] },
                "--hosts" => settings with { Hosts = Next() },
                "--fsync" when i + 1 < args.Length && args[i + 1] is "on" or "off" => settings with { Fsync = args[++i] == "on" },
                "--queued" => settings with { Queued = Next() },
                "--pool" => settings with { Pool = Next() },
                "--telemetry" when i + 1 < args.Length && args[i + 1] is "off" or "on" or "both" => settings with { Telemetry = args[++i] == "both" ? ["off", "on"] : [args[i]] },
                "--clients" => settings with { Clients = Next() },
                "--stored" => settings with { Stored = Next() },
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
        if ((settings.Which is "load" or "drain") != (settings.Store == "postgres"))
            throw new ArgumentException("load and drain measure hosts on PostgreSQL (--store postgres); the other measurements use SQLite (accuracy is load's SQLite counterpart)");
        return settings;
    }
}
