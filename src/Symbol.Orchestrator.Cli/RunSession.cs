using Symbol.Orchestrator.Cli.Output;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli;

/// <summary>
/// What <c>trigger</c> and <c>retry</c> run with: the store, the Jint runner over the data folder and an executor,
/// printing each job as it finishes (on stderr with --json, whose stdout holds only the document).
/// </summary>
internal sealed class RunSession : IAsyncDisposable
{
    private readonly ScriptJobRunner _runner;

    private RunSession(SqliteStateStore store, CliSettings settings, CliContext context, bool json)
    {
        Store = store;
        Directory.CreateDirectory(settings.DataPath);
        _runner = new ScriptJobRunner(settings.Sandbox);
        Executor = new RunExecutor(store, _runner, context.Time, new ExecutorOptions { MaxParallelJobs = settings.MaxParallelJobs }, null);
        var progress = json ? context.Error : context.Out;
        Executor.JobFinished += job =>
        {
            lock (progress)
                progress.WriteLine(RunText.JobLine(job));
        };
    }

    public SqliteStateStore Store { get; }

    public RunExecutor Executor { get; }

    public static async Task<RunSession?> OpenAsync(CliSettings settings, CliContext context, bool json, CancellationToken cancellationToken) =>
        await StateAccess.OpenAsync(settings, context, cancellationToken) is { } store ? new RunSession(store, settings, context, json) : null;

    /// <summary>Prints the finished run (its summary, or the --json document) and returns the exit code.</summary>
    public async Task<int> ReportAsync(RunRecord run, bool json, CliContext context)
    {
        if (json)
            CliJson.Write(context.Out, await RunReport.LoadAsync(Store, run));
        else
            context.Out.WriteLine(RunText.Summary(run));
        return run.Status == RunStatus.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    public async ValueTask DisposeAsync()
    {
        _runner.Dispose();
        await Store.DisposeAsync();
    }
}
