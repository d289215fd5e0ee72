using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The orchestrator host (SPEC §3, §5, §6). At start: opens the store, resumes the runs it holds as running,
/// compiles the workflows folder, catches up each workflow from its watermark, and puts one
/// <see cref="ScheduledJob"/> per workflow on the <see cref="Scheduler"/>. Each fire starts a run whose id is
/// (workflow, scheduledAt), which the store refuses twice: that is what makes every instant fire once across
/// restarts and reloads. Then it hot-reloads the folder until stopped, and on stop lets runs finish for
/// <see cref="OrchestratorOptions.ShutdownGrace"/> before cancelling them (they resume at the next start).
/// </summary>
internal sealed class WorkflowHost : BackgroundService
{
    private readonly OrchestratorOptions _options;
    private readonly TimeProvider _time;
    private readonly IJobRunner _runner;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly Scheduler _scheduler;
    private readonly WorkflowCatalog _catalog = new();
    // A reload compiles only the files (and scripts) that changed; reloads are serialised by _reloading.
    private readonly FlowCompileCache _compiled = new();
    private TimeSpan _storeOpenTime;
    // Store calls in flight while placing workflows: enough for group commit to batch them, few enough for the read pool.
    private const int StoreParallelism = 32;
    /// <summary>The log category of the lines scripts write with <c>log()</c> and <c>console.*</c>.</summary>
    internal const string ScriptCategory = "Symbol.Orchestrator.Script";
    private readonly ConcurrencyGates _gates = new();
    private readonly RunTracker _runs = new();
    private readonly Dictionary<string, ScheduledJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ExecutorOptions _executorOptions;
    private IStateStore? _store;
    private SqliteHostLock? _hostLock;
    private RunExecutor? _executor;
    private FolderWatcher? _watcher;
    private volatile bool _stopping;
    private int _reloads;

    public WorkflowHost(IOptions<OrchestratorOptions> options, TimeProvider time, IJobRunner runner, ILoggerFactory loggers)
    {
        _options = options.Value;
        _time = time;
        _runner = runner;
        _loggers = loggers;
        _log = loggers.CreateLogger("Symbol.Orchestrator.Host");
        _scheduler = new Scheduler(time, new SchedulerOptions(), loggers.CreateLogger<Scheduler>());
        _executorOptions = new ExecutorOptions { MaxParallelJobs = _options.MaxParallelJobs, Owner = _options.Owner };
    }

    /// <summary>Completes when the host has resumed, caught up and scheduled everything; faults if start-up failed.</summary>
    public Task Ready => _ready.Task;

    /// <summary>True when the host stopped because of an error rather than a request.</summary>
    public bool Failed { get; private set; }

    /// <summary>How many reloads have been applied (start-up excluded).</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    internal IStateStore Store => _store ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Wraps the store the host opens, for tests that make it fail as a crash would.</summary>
    internal Func<IStateStore, IStateStore>? WrapStore { get; init; }

    internal WorkflowCatalog Catalog => _catalog;

    /// <summary>The workflows on the scheduler and their next fire.</summary>
    internal IReadOnlyDictionary<string, DateTimeOffset?> Scheduled
    {
        get
        {
            lock (_jobs)
                return _jobs.ToDictionary(j => j.Key, j => j.Value.NextRun, StringComparer.Ordinal);
        }
    }

    // The store opens here rather than in ExecuteAsync so that a corrupt or newer store fails host.StartAsync
    // with its message, instead of a background service stopping the host with a stack trace.
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (OrchestratorOptionsValidator.MissingWorkflowsFolder(_options) is { } missing)
            throw new OptionsValidationException(Options.DefaultName, typeof(OrchestratorOptions), [missing]);
        var opening = Stopwatch.GetTimestamp();
        // Before the store is touched: a second host on a SQLite store stops here, naming the first.
        _hostLock = SqliteHostLock.Take(_options.StatePath, _options.Owner, _time.GetUtcNow());
        IStateStore store;
        try
        {
            store = await SqliteStateStore.OpenAsync(_options.StatePath, _time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ReleaseHostLock();
            throw;
        }
        _storeOpenTime = Stopwatch.GetElapsedTime(opening);
        _store = WrapStore?.Invoke(store) ?? store;
        _executor = new RunExecutor(_store, _runner, _time, _executorOptions, _loggers.CreateLogger<RunExecutor>(), _loggers.CreateLogger(ScriptCategory));
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            Directory.CreateDirectory(_options.DataPath);
            // The first Jint engine costs ~0.5 s of JIT: paid on the other core while the folder compiles and
            // the store catches up, and before the first fire, not in it.
            var warmingUp = _runner is ScriptJobRunner scripts ? Task.Run(scripts.WarmUp, CancellationToken.None) : Task.FromResult(TimeSpan.Zero);
            var phase = Stopwatch.GetTimestamp();
            await ResumeAsync().ConfigureAwait(false);
            var resume = Stopwatch.GetElapsedTime(phase);
            phase = Stopwatch.GetTimestamp();
            var compilation = Compile();
            var compile = Stopwatch.GetElapsedTime(phase);
            phase = Stopwatch.GetTimestamp();
            await ApplyAsync(compilation, starting: true).ConfigureAwait(false);
            var place = Stopwatch.GetElapsedTime(phase);
            var warmUp = await warmingUp.ConfigureAwait(false);
            _scheduler.Start();
            _log.StartupTimes((long)(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds, Ms(_storeOpenTime), Ms(warmUp), Ms(resume), Ms(compile), Ms(place));
            _watcher = new FolderWatcher(_options.WorkflowsPath, _time, _options.ReloadDebounce, () => _ = ReloadAsync());
            _watcher.WatchScripts(_compiled.ScriptPaths);
            _log.Started(_catalog.Workflows.Count, _options.WorkflowsPath, _options.StatePath, _options.DataPath);
            // A new user's first minute: say when something will happen, not just that the host is up.
            if (_catalog.Workflows.Count > 0)
                _log.NextFires(string.Join(", ", _catalog.Workflows.Select(w => $"{w.Name} {Next(w.Name)}")));
            _ready.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Failed = true;
            _log.HostFailed(e);
            _ready.TrySetException(e);
            throw;
        }
        finally
        {
            await ShutdownAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Recompiles the folder and swaps in what changed; serialised, so a burst of reloads applies in order.</summary>
    internal async Task ReloadAsync()
    {
        if (_stopping)
            return;
        await _reloading.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopping)
                return;
            await ApplyAsync(Compile(), starting: false).ConfigureAwait(false);
            _watcher?.WatchScripts(_compiled.ScriptPaths);
            Interlocked.Increment(ref _reloads);
        }
        catch (Exception e)
        {
            _log.ReloadFailed(e);
        }
        finally
        {
            _reloading.Release();
        }
    }

    private FlowCompilation Compile() =>
        FlowCompiler.Compile([_options.WorkflowsPath], _options.CompileOptionsAt(_time.GetUtcNow()), _compiled);

    private async Task ApplyAsync(FlowCompilation compilation, bool starting)
    {
        var change = _catalog.Apply(compilation);
        foreach (var diagnostic in change.Diagnostics)
            if (diagnostic.IsError)
                _log.CompileError(diagnostic.ToString());
            else
                _log.CompileWarning(diagnostic.ToString());
        foreach (var file in change.KeptFiles)
            _log.KeptPrevious(file);

        var now = _time.GetUtcNow();
        foreach (var workflow in change.Removed)
        {
            Unschedule(workflow.Name);
            // Fires still waiting for a slot were never recorded: with their workflow gone they just go.
            _gates.For(workflow.Name).DropWaiting();
        }
        var placed = change.Added.Concat(change.Changed).ToList();
        foreach (var workflow in placed)
            _gates.For(workflow.Name).SetLimit(workflow.Concurrency);
        // Each workflow's watermark work is its own, so they go to the store together: at the first start in a
        // folder of a thousand workflows, a thousand "first seen" writes share a few commits instead of paying
        // one each (measured: 2.3 s one after the other). Catch-up fires are queued before the schedule is added.
        await Parallel.ForEachAsync(placed, new ParallelOptions { MaxDegreeOfParallelism = StoreParallelism }, async (workflow, _) =>
        {
            if (starting)
                await CatchUpAsync(workflow, now).ConfigureAwait(false);
            else if (await Store.GetWatermarkAsync(workflow.Name).ConfigureAwait(false) is null)
                await Store.AdvanceWatermarkAsync(workflow.Name, now).ConfigureAwait(false);
        }).ConfigureAwait(false);
        foreach (var workflow in placed)
            Schedule(workflow);
        if (!starting && (!change.IsEmpty || change.Diagnostics.Any(d => d.IsError)))
            _log.Reloaded(Summary(change));
    }

    /// <summary>
    /// Missed fires in (watermark, now] per the workflow's <c>catchup</c>, queued oldest first for a concurrency
    /// slot. A workflow the store has never seen starts from now.
    /// </summary>
    private async Task CatchUpAsync(WorkflowDefinition workflow, DateTimeOffset now)
    {
        var watermark = await Store.GetWatermarkAsync(workflow.Name).ConfigureAwait(false);
        var missed = CatchupPlanner.Plan(workflow, watermark, now, _options.CatchupLimit);
        if (missed.Count == 0)
        {
            // Nothing to run (catchup none, or a first sight): record the decision so the next start plans from now.
            await Store.AdvanceWatermarkAsync(workflow.Name, now).ConfigureAwait(false);
            return;
        }
        // The watermark moves with each run as the store creates it, oldest first, so a stop or a crash midway
        // leaves exactly the fires not yet created to the next start. The older fires the plan left out (latest,
        // within, the limit) are passed when the first run is created.
        _log.CatchingUp(workflow.Name, missed.Count, watermark!.Value, EnumText.Name(workflow.Catchup.Mode));
        // Queued whatever overlap says, and past queue max: `catchup all` asks for each missed fire to run, one
        // after another, and CatchupLimit bounds how many there are.
        foreach (var at in missed)
            Fire(workflow, RunTrigger.Catchup, at, queue: true, queueMax: int.MaxValue);
    }

    private async Task ResumeAsync()
    {
        // The hosts before this one are gone (the lock proves it), so their runs are resumed now, not at lease expiry.
        var claimed = await Store.ClaimInterruptedRunsAsync(_executorOptions.Owner, _executorOptions.Lease, _hostLock!.GoneOwners).ConfigureAwait(false);
        _hostLock.Resumed();
        foreach (var run in claimed)
        {
            _log.Resuming(run.RunId, run.Workflow);
            // A resumed run is active: it holds a slot of its workflow's concurrency until it ends.
            var gate = _gates.For(run.Workflow);
            gate.Occupy();
            _ = _runs.Track(async ct =>
            {
                try
                {
                    var finished = await _executor!.ResumeAsync(run, ct).ConfigureAwait(false);
                    await LogRunEndedAsync(finished).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested || _stopping)
                {
                }
                catch (Exception e)
                {
                    _log.ResumeFailed(e, run.RunId, run.Workflow);
                }
                finally
                {
                    gate.Release();
                }
            });
        }
    }

    private void Schedule(WorkflowDefinition workflow)
    {
        lock (_jobs)
        {
            _jobs.Remove(workflow.Name, out var old);
            if (workflow.Schedule is null)
            {
                if (old is not null)
                    _scheduler.RemoveJob(old);
                return;
            }
            // The callable hands the run to the tracker and returns: overlap is this host's policy, not the scheduler's.
            Func<ScheduledFire, Task> fire = f =>
            {
                if (!_stopping)
                    Fire(workflow, RunTrigger.Schedule, f.ScheduledAt, workflow.Overlap == OverlapPolicy.Queue, workflow.QueueMax);
                return Task.CompletedTask;
            };
            var job = new ScheduledJob(workflow.Name, fire, workflow.Schedule);
            // A changed workflow carries on from where its previous version is: a reload at the very instant of
            // a fire does not fire it again, and one a moment after an instant the scheduler has not reached yet
            // does not skip it.
            _jobs[workflow.Name] = old is null ? _scheduler.AddJob(job) : _scheduler.ReplaceJob(old, job);
        }
    }

    private void Unschedule(string name)
    {
        lock (_jobs)
            if (_jobs.Remove(name, out var old))
                _scheduler.RemoveJob(old);
    }

    /// <summary>Takes the fire's place at its workflow's gate now, in fire order, and runs it in the background.</summary>
    private void Fire(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt, bool queue, int queueMax)
    {
        _log.Fired(workflow.Name, scheduledAt, EnumText.Name(trigger));
        var gate = _gates.For(workflow.Name);
        var ticket = gate.Join(queue, queueMax);
        _ = _runs.Track(ct => RunAsync(workflow, trigger, scheduledAt, gate, ticket, ct));
    }

    /// <summary>
    /// One fire: skipped at the bound, or once it holds a slot and every earlier fire is recorded, a run created
    /// (the store moves the watermark with it) and run. A fire dropped while it waited is recorded nowhere.
    /// </summary>
    private async Task RunAsync(WorkflowDefinition workflow, RunTrigger trigger, DateTimeOffset scheduledAt, WorkflowGate gate, GateTicket ticket, CancellationToken ct)
    {
        var recorded = false;
        try
        {
            if (ticket.Slot is null)
            {
                if (ticket.QueueFull)
                    _log.QueueFull(workflow.Name, scheduledAt, gate.Waiting, workflow.QueueMax, gate.Active, gate.Limit);
                else
                    _log.Skipped(workflow.Name, scheduledAt, gate.Active, gate.Limit);
                // Only past fires that are recorded: a crash must not leave the watermark beyond one that has no run.
                if (await ticket.EarlierRecorded.ConfigureAwait(false))
                {
                    await Store.AdvanceWatermarkAsync(workflow.Name, scheduledAt, CancellationToken.None).ConfigureAwait(false);
                    recorded = true;
                }
                return;
            }
            if (!ticket.Slot.IsCompleted)
                _log.Queued(workflow.Name, scheduledAt, EnumText.Name(trigger), gate.Active, gate.Limit);
            try
            {
                await ticket.Slot.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _log.Dropped(workflow.Name, scheduledAt, EnumText.Name(trigger));
                return;
            }
            RunRecord? run = null;
            try
            {
                await ticket.EarlierRecorded.ConfigureAwait(false);
                var created = await _executor!.CreateAsync(workflow, trigger, scheduledAt).ConfigureAwait(false);
                recorded = true;
                ticket.Recorded.TrySetResult(true);
                if (created is not null)
                    run = await _executor.RunCreatedAsync(created, workflow, ct).ConfigureAwait(false);
            }
            // Cancelled after the grace, or stopped with jobs not started: the run stays running and resumes at the next start.
            catch (OperationCanceledException) when (ct.IsCancellationRequested || _stopping)
            {
                return;
            }
            finally
            {
                gate.Release();
            }
            // Logged once the slot is free, so a reader (or a test) who sees it knows the next fire can start.
            if (run is null)
                _log.AlreadyFired(workflow.Name, scheduledAt);
            else
                await LogRunEndedAsync(run).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.RunCrashed(e, workflow.Name, scheduledAt);
        }
        finally
        {
            ticket.Recorded.TrySetResult(recorded);
        }
    }

    /// <summary>A failed run is a warning naming its first failed job and that job's error (one read of its jobs, on a failure only).</summary>
    private async Task LogRunEndedAsync(RunRecord run)
    {
        if (run.Status != RunStatus.Failed)
        {
            _log.RunEnded(run.RunId, run.Workflow, EnumText.Name(run.Status));
            return;
        }
        var jobs = await Store.GetJobsAsync(run.RunId, CancellationToken.None).ConfigureAwait(false);
        var failed = jobs.FirstOrDefault(j => j.Status == JobStatus.Failed);
        _log.RunFailed(run.RunId, run.Workflow, failed?.Job ?? "(none)", ExecutorLog.FirstLine(failed?.Error));
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private async Task ShutdownAsync()
    {
        _stopping = true;
        _watcher?.Dispose();
        // A reload in progress finishes first, so it cannot schedule anything after this.
        await _reloading.WaitAsync().ConfigureAwait(false);
        _reloading.Release();
        // No new run starts while stopping: fires waiting for a slot are dropped unrecorded, so the watermark
        // stays before them and the next start's catch-up decides about them. No new job starts either: the
        // grace is for the jobs running, and the runs' jobs not started resume at the next start.
        var dropped = _gates.Close();
        _executor?.StopStartingJobs();
        lock (_jobs)
        {
            foreach (var job in _jobs.Values)
                _scheduler.RemoveJob(job);
            _jobs.Clear();
        }
        _log.Stopping(_options.ShutdownGrace, _gates.ActiveRuns, dropped);
        if (!await _runs.DrainAsync(_options.ShutdownGrace, _time).ConfigureAwait(false))
            _log.GraceExpired();
        _scheduler.Dispose();
        if (_store is not null)
            await _store.DisposeAsync().ConfigureAwait(false);
        ReleaseHostLock();
        _log.Stopped();
    }

    public override void Dispose()
    {
        base.Dispose();
        _runs.Dispose();
        _scheduler.Dispose();
        ReleaseHostLock();
    }

    private void ReleaseHostLock()
    {
        _hostLock?.Dispose();
        _hostLock = null;
    }

    private string Summary(CatalogChange change)
    {
        var text = new StringBuilder();
        void Part(string label, IEnumerable<WorkflowDefinition> workflows, bool withNext)
        {
            var names = workflows.Select(w => withNext ? $"{w.Name} (next {Next(w.Name)})" : w.Name).ToList();
            if (names.Count == 0)
                return;
            if (text.Length > 0)
                text.Append("; ");
            text.Append(label).Append(' ').AppendJoin(", ", names);
        }
        Part("added", change.Added, true);
        Part("changed", change.Changed, true);
        Part("removed", change.Removed, false);
        if (text.Length == 0)
            text.Append("no workflow changed");
        var errors = change.Diagnostics.Count(d => d.IsError);
        if (errors > 0)
            text.Append($"; {errors} error(s), {change.KeptFiles.Count} file(s) kept their previous version");
        return text.ToString();
    }

    private string Next(string workflow)
    {
        lock (_jobs)
            return _jobs.TryGetValue(workflow, out var job) && job.NextRun is { } next ? next.ToString("O") : "none";
    }
}
