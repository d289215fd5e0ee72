namespace Symbol.Orchestrator.Telemetry;

/// <summary>The measurements of the workflows folder's hot reloads (docs/telemetry.md).</summary>
internal static class ReloadTelemetry
{
    /// <summary>Whether anyone counts reloads: the catalog builds the per-file outcomes for it only then (or for an event listener).</summary>
    public static bool Measures => OrchestratorMetrics.Reloads.Enabled;

    /// <summary>A file of the workflows folder reloaded: <c>ok</c> when its workflows are in force now, <c>error</c> when it kept its previous version.</summary>
    public static void Reloaded(bool ok)
    {
        if (OrchestratorMetrics.Reloads.Enabled)
            OrchestratorMetrics.Reloads.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ReloadOutcome, ok ? "ok" : "error"));
    }
}
