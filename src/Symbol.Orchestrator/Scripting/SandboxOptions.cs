namespace Symbol.Orchestrator.Scripting;

/// <summary>The limits and reach of a job's script (config section <c>Orchestrator:Script</c>, <c>Http</c>, <c>Env</c>).</summary>
public sealed record SandboxOptions
{
    /// <summary>The defaults, which the settings (<c>Orchestrator:Script</c>) take theirs from.</summary>
    public static SandboxOptions Default { get; } = new();

    /// <summary>Wall time per attempt; a job's <c>timeout</c> overrides it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What a script may hold, in MiB: a string or an array may take a quarter of it, an attempt may write this much
    /// through <c>files</c>, and the host's scripts together may hold it <see cref="MaxParallelJobs"/> + 1 times over
    /// the heap at start (<see cref="MemoryLimits"/>). 0 is no limit.
    /// </summary>
    public int MemoryMb { get; init; } = 64;

    /// <summary>How many attempts run at once (config <c>MaxParallelJobs</c>), for the host-wide memory budget.</summary>
    public int MaxParallelJobs { get; init; } = Execution.ExecutorOptions.Default.MaxParallelJobs;

    /// <summary>0 = no cap.</summary>
    public int MaxStatements { get; init; }

    public int MaxRecursion { get; init; } = 1000;

    /// <summary>The folder <c>files</c> is rooted at; no path may escape it.</summary>
    public string DataRoot { get; init; } = "data";

    /// <summary>Hosts <c>http</c> may reach; none by default.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Environment variables <c>env(name)</c> may read; none by default.</summary>
    public IReadOnlyList<string> AllowedEnv { get; init; } = [];

    /// <summary>The handler behind <c>http</c>; tests substitute one.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
