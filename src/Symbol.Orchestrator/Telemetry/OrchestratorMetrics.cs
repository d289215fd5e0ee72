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

    internal static readonly Counter<long> Fires = OrchestratorTelemetry.Meter.CreateCounter<long>(
        Names.Fires, "{fire}", "Every fire and what became of it: started, skipped, paused, queued or duplicate.");

    internal static readonly Histogram<double> FireLateness = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        Names.FireLateness, "s", "How late a scheduled fire started its run after its instant.");

    internal static readonly Counter<long> Runs = OrchestratorTelemetry.Meter.CreateCounter<long>(
        Names.Runs, "{run}", "Runs this host finished, by final status.");

    internal static readonly Histogram<double> RunDuration = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        Names.RunDuration, "s", "A run's time on this host, start to end.");

    internal static readonly Counter<long> Jobs = OrchestratorTelemetry.Meter.CreateCounter<long>(
        Names.Jobs, "{job}", "Jobs finished, by final status.");

    internal static readonly Histogram<double> JobDuration = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        Names.JobDuration, "s", "One attempt's time.");

    internal static readonly UpDownCounter<long> RunsActive = OrchestratorTelemetry.Meter.CreateUpDownCounter<long>(
        Names.RunsActive, "{run}", "Runs this host works on now.");

    internal static readonly UpDownCounter<long> FiresQueued = OrchestratorTelemetry.Meter.CreateUpDownCounter<long>(
        Names.FiresQueued, "{fire}", "Fires waiting for a concurrency slot on this host.");

    internal static readonly Counter<long> Reloads = OrchestratorTelemetry.Meter.CreateCounter<long>(
        Names.Reloads, "{reload}", "Files of the workflows folder reloaded, by outcome.");

    internal static readonly Histogram<double> StoreWriteDuration = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        Names.StoreWriteDuration, "s", "One commit of the store's writer (a group of writes), from queueing to durable.");
}
