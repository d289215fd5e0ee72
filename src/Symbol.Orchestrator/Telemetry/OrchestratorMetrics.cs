using System.Diagnostics.Metrics;

namespace Symbol.Orchestrator.Telemetry;

/// <summary>The instruments of docs/telemetry.md, created once from <see cref="OrchestratorTelemetry.Meter"/>.</summary>
public static class OrchestratorMetrics
{
    /// <summary>The instruments' names, for listeners and tests.</summary>
    public static class Names
    {
        public const string Fires = "orchestrator.fires";
        public const string FireLateness = "orchestrator.fire.lateness";
        public const string Runs = "orchestrator.runs";
        public const string RunDuration = "orchestrator.run.duration";
        public const string Jobs = "orchestrator.jobs";
        public const string JobDuration = "orchestrator.job.duration";
        public const string RunsActive = "orchestrator.runs.active";
        public const string FiresQueued = "orchestrator.fires.queued";
        public const string Reloads = "orchestrator.reloads";
        public const string StoreWriteDuration = "orchestrator.store.write.duration";
    }

    // Bucket boundaries in seconds (an SDK's defaults are for milliseconds and would put every value in the first bucket):
    // lateness from a millisecond to a minute, runs and jobs from 10 ms to an hour (few buckets: a run's duration is kept per
    // workflow), a store commit from 0.5 ms to 2.5 s.
    private static readonly InstrumentAdvice<double> LatenessBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
    };

    private static readonly InstrumentAdvice<double> CommitBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    };

    internal static readonly Counter<long> Fires = OrchestratorTelemetry.Meter.CreateCounter<long>(
        Names.Fires, "{fire}", "Every fire and what became of it: started, skipped, paused, queued or duplicate.");

    internal static readonly Histogram<double> FireLateness = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        Names.FireLateness, "s", "How late a scheduled fire started its run after its instant.", tags: null, advice: LatenessBuckets);

    internal static readonly Counter<long> Runs = OrchestratorTelemetry.Meter.CreateCounter<long>(
        Names.Runs, "{run}", "Runs this host finished, by final status.");

    internal static readonly Histogram<double> RunDuration = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        Names.RunDuration, "s", "A run's time on this host, start to end.", tags: null, advice: DurationBuckets);

    internal static readonly Counter<long> Jobs = OrchestratorTelemetry.Meter.CreateCounter<long>(
        Names.Jobs, "{job}", "Jobs finished, by final status.");

    internal static readonly Histogram<double> JobDuration = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        Names.JobDuration, "s", "One attempt's time.", tags: null, advice: DurationBuckets);

    internal static readonly UpDownCounter<long> RunsActive = OrchestratorTelemetry.Meter.CreateUpDownCounter<long>(
        Names.RunsActive, "{run}", "Runs this host works on now.");

    internal static readonly UpDownCounter<long> FiresQueued = OrchestratorTelemetry.Meter.CreateUpDownCounter<long>(
        Names.FiresQueued, "{fire}", "Fires waiting for a concurrency slot on this host.");

    internal static readonly Counter<long> Reloads = OrchestratorTelemetry.Meter.CreateCounter<long>(
        Names.Reloads, "{reload}", "Files of the workflows folder reloaded, by outcome.");

    internal static readonly Histogram<double> StoreWriteDuration = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        Names.StoreWriteDuration, "s", "One commit of the store's writer (a group of writes), from queueing to durable.", tags: null,
        advice: CommitBuckets);
}
