using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Tests.Telemetry;

/// <summary>
/// Every measurement of the <c>Symbol.Orchestrator</c> meter while it lives, with its attributes. Other tests measure beside these:
/// read only those of your own workflow.
/// </summary>
internal sealed class MeasurementCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MeasurementCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrchestratorTelemetry.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> whose attributes include each of <paramref name="tags"/>.</summary>
    public IReadOnlyList<Measurement> Of(string instrument, params (string Key, object Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value))).ToList();

    /// <summary>The sum of <paramref name="instrument"/>'s measurements with those attributes: a counter's count, an up-down counter's level.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) => Of(instrument, tags).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
            copy[key] = tagValue;
        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
