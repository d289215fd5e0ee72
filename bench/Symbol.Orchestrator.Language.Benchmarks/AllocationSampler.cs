using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// Which types a piece of work allocates, from the runtime's allocation-tick events (one sample about
/// every 100 KB, so a type's share of the samples is its share of the bytes): <c>-- --profile 5 alloc compile</c>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();
    private volatile bool _listening;

    public void Start() => _listening = true;

    public void Stop() => _listening = false;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    private readonly long[] _promoted = new long[3];
    private readonly int[] _collections = new int[3];
    private int _depth;

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (_listening && e.EventName is { } name && e.Payload is not null)
        {
            // What each collection copied or kept: the cost of a collection grows with what survives it.
            if (name.StartsWith("GCStart", StringComparison.Ordinal))
                _depth = (int)(uint)e.Payload[e.PayloadNames!.IndexOf("Depth")]!;
            else if (name.StartsWith("GCHeapStats", StringComparison.Ordinal))
            {
                _collections[_depth]++;
                for (int g = 0; g <= _depth; g++)
                    _promoted[g] += (long)(ulong)e.Payload[e.PayloadNames!.IndexOf($"TotalPromotedSize{g}")]!;
            }
        }
        if (!_listening || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
            return;
        int typeName = e.PayloadNames!.IndexOf("TypeName");
        int amount = e.PayloadNames.IndexOf("AllocationAmount64");
        if (typeName < 0 || amount < 0)
            return;
        _bytesByType.AddOrUpdate((string)e.Payload[typeName]!, (long)(ulong)e.Payload[amount]!, (_, total) => total + (long)(ulong)e.Payload[amount]!);
    }

    public void Print(int rounds, int top = 30)
    {
        Console.WriteLine($"collections per round gen0/1/2 {_collections[0] / (double)rounds:F1}/{_collections[1] / (double)rounds:F1}/{_collections[2] / (double)rounds:F1}; "
            + $"MB promoted per round out of gen0 {_promoted[0] / 1048576.0 / rounds:F1}, gen1 {_promoted[1] / 1048576.0 / rounds:F1}, gen2 (kept) {_promoted[2] / 1048576.0 / rounds:F1}");
        long total = _bytesByType.Values.Sum();
        Console.WriteLine($"sampled {total / 1048576.0 / rounds:F1} MB per round");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
            Console.WriteLine($"{bytes / 1048576.0 / rounds,8:F2} MB  {100.0 * bytes / total,5:F1}%  {type}");
    }
}
