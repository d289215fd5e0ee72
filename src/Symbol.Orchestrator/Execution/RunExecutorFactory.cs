using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// Makes the executor over an opened store, with the registered runner, clock, settings and loggers: the host and the
/// verbs that run jobs (<c>trigger</c>, <c>retry</c>) get the same one, differing only in who they are to the store.
/// </summary>
public sealed class RunExecutorFactory(IJobRunner runner, TimeProvider time, IOptions<OrchestratorOptions> options, ILoggerFactory loggers)
{
    /// <summary>The log category of the lines scripts write with <c>log()</c> and <c>console.*</c>.</summary>
    public const string ScriptCategory = "Symbol.Orchestrator.Script";

    /// <summary>The host's executor: its lease owner is the <c>Owner</c> setting.</summary>
    public RunExecutor ForHost(IStateStore store) => Create(store, options.Value.Executor());

    /// <summary>
    /// A verb's executor: an owner of its own (<see cref="ExecutorOptions.ThisProcess"/>) whatever <c>Owner</c> says, so a
    /// host restarting under a fixed name never claims a run a live <c>trigger</c> is working on.
    /// </summary>
    public RunExecutor ForVerb(IStateStore store) => Create(store, options.Value.Executor() with { Owner = ExecutorOptions.ThisProcess });

    private RunExecutor Create(IStateStore store, ExecutorOptions executor) =>
        new(store, runner, time, executor, loggers.CreateLogger<RunExecutor>(), loggers.CreateLogger(ScriptCategory));
}
