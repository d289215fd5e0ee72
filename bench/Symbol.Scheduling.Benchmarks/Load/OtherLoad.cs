using System.Diagnostics;

namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// How many cores other processes kept busy while a scenario ran: the machine's busy time from
/// /proc/stat minus this process's own. On a 2-core machine, a build next door doubles lateness,
/// so each result says how disturbed it was.
/// </summary>
internal readonly record struct OtherLoad(double BusySeconds, double OwnSeconds, long Timestamp)
{
    // USER_HZ, the unit of /proc/stat, is 100 on every Linux the .NET SDK runs on.
    private const double TicksPerSecond = 100;

    public static OtherLoad Take() =>
        new(MachineBusySeconds(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.GetTimestamp());

    /// <summary>Cores used by other processes since <paramref name="start"/>, or NaN where /proc/stat is missing.</summary>
    public static double CoresSince(OtherLoad start)
    {
        var end = Take();
        double wall = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        return Math.Max(0, (end.BusySeconds - start.BusySeconds) - (end.OwnSeconds - start.OwnSeconds)) / wall;
    }

    private static double MachineBusySeconds()
    {
        const string stat = "/proc/stat";
        if (!File.Exists(stat))
            return double.NaN;
        // cpu  user nice system idle iowait irq softirq steal ...: all but idle and iowait are busy.
        var fields = File.ReadLines(stat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        long busy = fields.Sum() - fields[3] - fields[4];
        return busy / TicksPerSecond;
    }
}
