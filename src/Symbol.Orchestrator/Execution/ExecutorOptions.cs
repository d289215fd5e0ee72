namespace Symbol.Orchestrator.Execution;

/// <summary>How a <see cref="RunExecutor"/> works: how many jobs at once, who it is to the store, and how long its leases last.</summary>
public sealed record ExecutorOptions
{
    /// <summary>The most attempts running at once across every run of one executor (config <c>MaxParallelJobs</c>).</summary>
    public int MaxParallelJobs { get; init; } = 8;

    /// <summary>
    /// The default owner, <c>machine-name:pid</c> (docs/configuration.md): unique to this process, so no host or verb ever takes
    /// another live process's run for one of its own. A restarted host has a new pid; it takes its predecessor's runs
    /// back because the store's host lock proves that predecessor gone (see <c>SqliteHostLock</c>).
    /// </summary>
    public static string ThisProcess { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The lease owner this executor writes to the store.</summary>
    public string Owner { get; init; } = ThisProcess;

    /// <summary>How long a lease lasts unless renewed (config <c>Lease</c>); it is renewed every third of it while a run is active.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    // After ThisProcess: static initialisers run in order, and the default Owner reads it.
    /// <summary>The defaults, which the settings (<c>MaxParallelJobs</c>, <c>Owner</c>, <c>Lease</c>) and the sandbox take theirs from.</summary>
    public static ExecutorOptions Default { get; } = new();
}
