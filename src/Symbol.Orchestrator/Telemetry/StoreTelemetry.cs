namespace Symbol.Orchestrator.Telemetry;

/// <summary>The measurements of the state stores' work (docs/telemetry.md).</summary>
internal static class StoreTelemetry
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";

    /// <summary>Whether anyone measures the writers' commits: the writers read the clock for it only then.</summary>
    public static bool MeasuresWrites => OrchestratorMetrics.StoreWriteDuration.Enabled;

    /// <summary>One commit of a store's writer (a group of writes), from the first write's queueing to durable.</summary>
    public static void Committed(string system, TimeSpan elapsed)
    {
        if (OrchestratorMetrics.StoreWriteDuration.Enabled)
            OrchestratorMetrics.StoreWriteDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(TelemetryTags.DbSystemName, system));
    }
}
