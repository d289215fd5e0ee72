using System.Diagnostics;
using System.Globalization;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// The host's managed heap after each collection, every 5 s, read with <c>dotnet-counters</c> when it is installed
/// (<c>dotnet tool install -g dotnet-counters</c>): RSS alone mixes the GC heap with SQLite's page caches and the
/// runtime's own memory, so only this says whether runs leak. Without the tool it says so and samples nothing.
/// </summary>
internal sealed class GcHeapSampler : IDisposable
{
    private readonly Process? _counters;
    private readonly string _csv = Path.Combine(Path.GetTempPath(), $"gc-heap-{Guid.NewGuid():N}.csv");

    public GcHeapSampler(int pid, int seconds)
    {
        if (Find() is not { } tool)
            return;
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
                 {
                     "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--refresh-interval", "5", "--format", "csv", "-o", _csv,
                     "--duration", TimeSpan.FromSeconds(seconds).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture),
                     "--counters", "System.Runtime[dotnet.gc.last_collection.heap.size]",
                 })
            start.ArgumentList.Add(argument);
        _counters = Process.Start(start);
        _counters?.StandardOutput.ReadToEndAsync();
        _counters?.StandardError.ReadToEndAsync();
    }

    public bool Available => _counters is not null;

    /// <summary>Waits for the tool to write its file (it stops by itself after the duration), then reads the heap per sample, in MiB.</summary>
    public IReadOnlyList<double> Samples()
    {
        if (_counters is null)
            return [];
        if (!_counters.WaitForExit(TimeSpan.FromSeconds(30)))
            _counters.Kill();
        if (!File.Exists(_csv))
            return [];
        // One row per generation per sample: the heap is their sum at each timestamp.
        return File.ReadLines(_csv).Skip(1)
            .Select(line => line.Split(','))
            .Where(cells => cells.Length >= 5 && cells[2].Contains("heap.size", StringComparison.Ordinal))
            .GroupBy(cells => cells[0])
            .Select(sample => sample.Sum(cells => double.Parse(cells[^1], CultureInfo.InvariantCulture)) / 1048576)
            .ToArray();
    }

    private static string? Find()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(folder => Path.Combine(folder, "dotnet-counters"));
        return candidates.FirstOrDefault(File.Exists);
    }

    public void Dispose()
    {
        if (_counters is { HasExited: false })
            _counters.Kill();
        _counters?.Dispose();
        File.Delete(_csv);
    }
}
