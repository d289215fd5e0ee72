using System.Runtime;
using System.Runtime.InteropServices;

namespace Symbol.Scheduling.Benchmarks.Load;

internal static class MachineInfo
{
    public static string Describe() =>
        $"machine: {Environment.ProcessorCount} cores ({Cpu()}), {RuntimeInformation.OSDescription}, " +
        $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC";

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine skews every figure here.</summary>
    public static string LoadAverage()
    {
        const string loadAvg = "/proc/loadavg";
        return File.Exists(loadAvg) ? string.Join(' ', File.ReadAllText(loadAvg).Split(' ').Take(3)) : "unknown";
    }

    private static string Cpu()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            var model = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null)
                return model[(model.IndexOf(':') + 1)..].Trim();
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
