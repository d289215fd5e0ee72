namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// What <c>orchestrator run</c> was given: the configuration file and the flags that override it (relative to the working
/// directory). <paramref name="Verbose"/>: <c>--verbose</c>, a console line per job attempt and the host's debug lines.
/// </summary>
public sealed record HostArguments(string? ConfigFile = null, string? Workflows = null, string? State = null, string? Data = null, bool Verbose = false)
{
    public const string DefaultConfigFile = "orchestrator.json";

    /// <summary>The prefix of environment variables that override the file: <c>ORCHESTRATOR_MaxParallelJobs=4</c>, <c>ORCHESTRATOR_Script__Timeout=00:00:05</c>.</summary>
    public const string EnvironmentPrefix = "ORCHESTRATOR_";
}
