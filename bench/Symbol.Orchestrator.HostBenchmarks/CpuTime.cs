using System.Globalization;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// CPU time from /proc, in seconds: of one process (user + system), of a PostgreSQL server (its postmaster with the
/// children it has reaped, plus its live backends), and of the whole machine (every process, other users' builds too).
/// </summary>
internal static class CpuTime
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system seconds of process <paramref name="pid"/>, with its reaped children's when <paramref name="withReaped"/>; 0 once it has gone.</summary>
    public static double Process(int pid, bool withReaped = false)
    {
        var fields = Stat(pid);
        if (fields is null)
            return 0;
        // Fields after the command's closing parenthesis: state is [0], so utime (14th) is [11], stime [12], cutime [13], cstime [14].
        var ticks = Long(fields[11]) + Long(fields[12]) + (withReaped ? Long(fields[13]) + Long(fields[14]) : 0);
        return ticks / TicksPerSecond;
    }

    /// <summary>The server's processes: the postmaster (with the backends that exited, which it reaped) and its live children.</summary>
    public static double Server(int postmaster)
    {
        var total = Process(postmaster, withReaped: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } fields && Long(fields[1]) == postmaster)
                total += Process(pid);
        return total;
    }

    /// <summary>Busy seconds of all cores together (user, nice, system, irq, softirq, steal) from /proc/stat.</summary>
    public static double Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long[] busy = [Long(cpu[1]), Long(cpu[2]), Long(cpu[3]), Long(cpu[6]), Long(cpu[7]), Long(cpu[8])];
        return busy.Sum() / TicksPerSecond;
    }

    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
