using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Cli.Output;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli;

/// <summary>
/// What <c>trigger</c> and <c>retry</c> run with, from the services the host builds too: the store, the job runner
/// over the data folder and a verb's executor, printing each job as it finishes (on stderr with --json, whose stdout
/// holds only the document).
/// </summary>
internal sealed class RunSession : IAsyncDisposable
{
    private readonly CliContext _context;
    private readonly bool _live;
    private LiveJobView? _view;

    private RunSession(IStateStore store, IServiceProvider services, CliContext context, bool json, bool jobLines)
    {
        Store = store;
        Stores = services.GetRequiredService<IStateStoreFactory>();
        _context = context;
        // Never on stdout with --json, whose stdout holds only the document; redirected output gets plain lines.
        _live = context.Live && !json;
        Directory.CreateDirectory(services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.DataPath);
        // The first Jint engine in a process costs about half a second: pay it here, not in the first job's duration.
        services.GetRequiredService<IJobRunner>().WarmUp();
        Executor = services.GetRequiredService<RunExecutorFactory>().ForVerb(store);
        var progress = json ? context.Error : context.Out;
        Executor.JobStarted += job => _view?.Started(job);
        if (!jobLines)
            return;
        var handlersHeaded = false;
        Executor.JobFinished += job =>
        {
            if (_view is { } view)
            {
                view.Finished(job);
                return;
            }
            lock (progress)
            {
                // Handlers end after every job, so one heading sets them apart.
                if (!handlersHeaded && HandlerDefinition.IsHandlerName(job.Job))
                {
                    progress.WriteLine(RunText.HandlersHeading);
                    handlersHeaded = true;
                }
                progress.WriteLine(RunText.JobLine(job));
            }
        };
    }

    public IStateStore Store { get; }

    /// <summary>Where <see cref="Store"/> came from, for what it knows beyond the store (the hosts gone from it).</summary>
    public IStateStoreFactory Stores { get; }

    public RunExecutor Executor { get; }

    /// <param name="services">From <see cref="RunOptions.Services(System.CommandLine.ParseResult, CliContext)"/>; it owns the runner and outlives the session.</param>
    /// <param name="jobLines">Print a line per job as it finishes (or the live view); <c>backfill</c> prints a line per run instead.</param>
    public static async Task<RunSession?> OpenAsync(IServiceProvider services, CliContext context, bool json, CancellationToken cancellationToken,
        bool jobLines = true) =>
        await StateAccess.OpenAsync(services.GetRequiredService<IStateStoreFactory>(), context, cancellationToken) is { } store
            ? new RunSession(store, services, context, json, jobLines)
            : null;

    /// <summary>
    /// The runs of <paramref name="workflow"/> that count toward its <c>concurrency</c> now. A run left running by a process
    /// that died is not active: once its lease expires, or at once when it was a host's and no host holds the store's lock now.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> ActiveRunsAsync(string workflow, DateTimeOffset now, CancellationToken ct)
    {
        var gone = Stores.GoneHostOwners();
        return (await Store.ListActiveRunsAsync(workflow, ct)).Where(r => RunStaleness.Reason(r, gone, now) is null).ToList();
    }

    /// <summary>
    /// The bound on <paramref name="workflow"/>'s active runs to give the store with a new run, which it checks in the write that creates
    /// the run, counting the runs of every process: the workflow's <c>concurrency</c>, plus the runs the store still counts that belong to a
    /// host known to be gone (<see cref="ActiveRunsAsync"/> does not count them; they hold no slot until a host resumes them).
    /// </summary>
    public async Task<int> StoreBoundAsync(WorkflowDefinition workflow, DateTimeOffset now, CancellationToken ct)
    {
        var gone = Stores.GoneHostOwners();
        if (gone.Count == 0)
            return workflow.Concurrency;
        var stale = (await Store.ListActiveRunsAsync(workflow.Name, ct)).Count(r => RunStaleness.Reason(r, gone, now) is not null);
        return workflow.Concurrency + stale;
    }

    /// <summary>
    /// Shows the jobs of the run about to start as a live view when stdout is a terminal (<paramref name="jobs"/>
    /// listed as pending at first; others get a line as they start); otherwise each job prints a plain line as
    /// it finishes. Dispose the result once the run has finished.
    /// </summary>
    public IDisposable Watch(IEnumerable<string> jobs)
    {
        if (!_live)
            return NoView.Instance;
        _view = new LiveJobView(_context.Out, _context.Time, jobs, TerminalWidth);
        return _view;
    }

    /// <summary>Prints the finished run (its summary, or the --json document) and returns the exit code.</summary>
    public async Task<int> ReportAsync(RunRecord run, bool json, CliContext context)
    {
        _view?.Stop();
        if (json)
            ReportJson.Write(context.Out, await RunReport.LoadAsync(Store, run));
        else
            context.Out.WriteLine(RunText.Summary(run));
        return run.Status == RunStatus.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    public async ValueTask DisposeAsync()
    {
        _view?.Stop();
        await Store.DisposeAsync();
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }

    private sealed class NoView : IDisposable
    {
        public static readonly NoView Instance = new();

        public void Dispose()
        {
        }
    }
}
