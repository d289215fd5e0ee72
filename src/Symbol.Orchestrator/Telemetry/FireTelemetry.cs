using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Telemetry;

/// <summary>The measurements of the host's fires (docs/telemetry.md): what became of each, how late it started, how many wait.</summary>
internal static class FireTelemetry
{
    /// <summary>A fire and its outcome (<c>started</c>, <c>skipped</c>, <c>paused</c>, <c>queued</c>, <c>duplicate</c>).</summary>
    public static void Fired(string workflow, RunTrigger trigger, string outcome)
    {
        if (OrchestratorMetrics.Fires.Enabled)
            OrchestratorMetrics.Fires.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Workflow, workflow),
                new KeyValuePair<string, object?>(TelemetryTags.FireTrigger, EnumText.Name(trigger)),
                new KeyValuePair<string, object?>(TelemetryTags.FireOutcome, outcome));
    }

    /// <summary>A scheduled fire's run was created at <paramref name="now"/>: how late after its instant.</summary>
    public static void Started(string workflow, DateTimeOffset scheduledAt, DateTimeOffset now)
    {
        if (OrchestratorMetrics.FireLateness.Enabled)
            OrchestratorMetrics.FireLateness.Record(Math.Max(0, (now - scheduledAt).TotalSeconds),
                new KeyValuePair<string, object?>(TelemetryTags.Workflow, workflow));
    }

    /// <summary>A fire began (+1) or stopped (-1) waiting for a concurrency slot; every +1 has its -1, however the wait ends.</summary>
    public static void Waiting(string workflow, int change)
    {
        if (OrchestratorMetrics.FiresQueued.Enabled)
            OrchestratorMetrics.FiresQueued.Add(change, new KeyValuePair<string, object?>(TelemetryTags.Workflow, workflow));
    }
}
