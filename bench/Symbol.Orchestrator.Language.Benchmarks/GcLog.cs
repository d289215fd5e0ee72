using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// Every collection during a piece of work, from the runtime's GC events: its generation, its pause
/// (threads suspended to threads restarted) and what it promoted: <c>-- --profile 3 gcs compile</c>.
/// </summary>
internal sealed class GcLog : EventListener
{
    private const int GcKeyword = 0x1;
    private volatile bool _listening;
    private readonly ConcurrentQueue<string> _lines = new();
    private long _suspendAt, _suspendedAt, _startAt, _endAt;
    private int _depth;
    private string _reason = "";
    private string _marks = "";
    private long _promoted;
    private double _totalPause;

    public void Start() => _listening = true;

    public void Stop() => _listening = false;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Informational, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_listening || e.EventName is not { } name || e.Payload is null)
            return;
        if (name.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal))
            _suspendAt = e.TimeStamp.Ticks;
        else if (name.StartsWith("GCSuspendEEEnd", StringComparison.Ordinal))
            _suspendedAt = e.TimeStamp.Ticks;
        else if (name.StartsWith("GCMarkWithType", StringComparison.Ordinal))
            _marks += $" {e.Payload[e.PayloadNames!.IndexOf("Type")]}:{(ulong)e.Payload[e.PayloadNames!.IndexOf("Bytes")]! / 1024}K";
        else if (name.StartsWith("GCEnd", StringComparison.Ordinal))
            _endAt = e.TimeStamp.Ticks;
        else if (name.StartsWith("GCStart", StringComparison.Ordinal))
        {
            _startAt = e.TimeStamp.Ticks;
            _depth = (int)(uint)e.Payload[e.PayloadNames!.IndexOf("Depth")]!;
            _reason = e.Payload[e.PayloadNames!.IndexOf("Reason")]!.ToString()!;
        }
        else if (name.StartsWith("GCHeapStats", StringComparison.Ordinal))
        {
            _promoted = 0;
            for (int g = 0; g <= _depth; g++)
                _promoted += (long)(ulong)e.Payload[e.PayloadNames!.IndexOf($"TotalPromotedSize{g}")]!;
        }
        else if (name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal))
        {
            double ms = (e.TimeStamp.Ticks - _suspendAt) / 10_000.0;
            _totalPause += ms;
            _lines.Enqueue($"gen{_depth} reason {_reason}: pause {ms:F1} ms (suspend {(_suspendedAt - _suspendAt) / 10_000.0:F1}, collect {(_endAt - _startAt) / 10_000.0:F1}), promoted {_promoted / 1048576.0:F2} MB, marked{_marks}");
            _marks = "";
        }
    }

    public void Print(int rounds)
    {
        foreach (var line in _lines)
            Console.WriteLine(line);
        Console.WriteLine($"{_lines.Count / (double)rounds:F1} collections and {_totalPause / rounds:F1} ms of pause per round");
    }
}
