namespace Symbol.Orchestrator.Execution;

/// <summary>How a <see cref="RunExecutor"/> works: how many jobs at once, who it is to the store, and how long its leases last.</summary>
public sealed record ExecutorOptions
{
    /// <summary>The most attempts running at once across every run of one executor (config <c>MaxParallelJobs</c>).</summary>
    public int MaxParallelJobs { get; init; } = 8;

    /// <summary>The lease owner this executor writes to the store; a restarted host with the same name takes its own runs back.</summary>
    public string Owner { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>How long a lease lasts unless renewed; it is renewed every third of it while a run is active.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(1);
}
