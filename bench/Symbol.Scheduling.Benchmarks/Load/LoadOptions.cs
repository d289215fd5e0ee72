namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>The sizes of one load run; <see cref="Quick"/> shrinks them to a smoke check of a few seconds.</summary>
internal sealed record LoadOptions(
    int Runs,
    bool IsQuick,
    int BurstJobs,
    TimeSpan BurstLead,
    int SpreadJobs,
    TimeSpan SpreadOver,
    int CronJobs,
    int CronSeconds,
    string? Only = null)
{
    public static readonly LoadOptions Full = new(3, false, 100_000, TimeSpan.FromSeconds(2), 10_000, TimeSpan.FromSeconds(5), 1_000, 10);

    public static readonly LoadOptions Quick = new(1, true, 10_000, TimeSpan.FromSeconds(1), 1_000, TimeSpan.FromSeconds(1), 100, 3);

    public static bool TryParse(string[] args, [NotNullWhen(true)] out LoadOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        error = null;
        bool quick = args.Contains("--quick");
        int? runs = null;
        string? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
                continue;
            if (args[i] == "--runs" && i + 1 < args.Length && int.TryParse(args[i + 1], out int n) && n > 0)
            {
                runs = n;
                i++;
                continue;
            }
            if (args[i] == "--only" && i + 1 < args.Length && args[i + 1] is "ours" or "Quartz")
            {
                only = args[++i];
                continue;
            }
            error = $"load: unexpected argument '{args[i]}' (expected --runs N with N > 0, --quick, --only ours|Quartz)";
            return false;
        }
        var sizes = quick ? Quick : Full;
        options = sizes with { Runs = runs ?? sizes.Runs, Only = only };
        return true;
    }
}
