using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Compiles the workflows folder and applies what changed to the <see cref="Scheduler"/>: one <see cref="ScheduledJob"/>
/// per workflow, its fires handed to the <see cref="FireDispatcher"/>. At start-up each workflow first catches up from
/// its watermark; afterwards the folder is watched and every change recompiled (only the files that changed) and applied.
/// </summary>
internal sealed class CatalogApplier(
    IOptions<OrchestratorOptions> options, TimeProvider time, Scheduler scheduler, HostSession session, FireDispatcher dispatcher, PausedWorkflows paused,
    HostEvents events, ILoggerFactory loggers)
    : IDisposable
{
    // Store calls in flight while placing workflows: enough for group commit to batch them, few enough for the read pool.
    private const int StoreParallelism = 32;

    private readonly OrchestratorOptions _options = options.Value;
    private readonly ILogger _log = loggers.CreateLogger(WorkflowHost.LogCategory);
    private readonly WorkflowCatalog _catalog = new();
    // A reload compiles only the files (and scripts) that changed; reloads are serialised by _reloading.
    private readonly FlowCompileCache _compiled = new();
    private readonly Dictionary<string, ScheduledJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private FolderWatcher? _watcher;
    private volatile bool _stopping;

    public IReadOnlyCollection<WorkflowDefinition> Workflows => _catalog.Workflows;

    /// <summary>The folder as last compiled (its files' errors and warnings, for the API); null before the start-up compiled it.</summary>
    public FlowCompilation? LastCompilation { get; private set; }

    public FlowCompilation Compile() =>
        FlowCompiler.Compile([_options.WorkflowsPath], _options.CompileOptionsAt(time.GetUtcNow()), _compiled);

    /// <summary>The start-up's apply: each workflow catches up from its watermark before its schedule is added.</summary>
    public Task ApplyAtStartAsync(FlowCompilation compilation) => ApplyAsync(compilation, starting: true);

    /// <summary>Watches the folder (and the scripts' folders outside it) and reloads on every change, debounced.</summary>
    public void StartWatching()
    {
        _watcher = new FolderWatcher(_options.WorkflowsPath, time, _options.ReloadDebounce, () => _ = ReloadAsync());
        _watcher.WatchScripts(_compiled.ScriptPaths);
    }

    /// <summary>Recompiles the folder and swaps in what changed; serialised, so a burst of reloads applies in order.</summary>
    public async Task ReloadAsync()
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
        }
        catch (Exception e)
        {
            _log.ReloadFailed(e);
            ReloadTelemetry.Reloaded(ok: false);
        }
        finally
        {
            _reloading.Release();
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _reloading.Dispose();
    }

    /// <summary>Stops watching, lets a reload in progress finish (so nothing is scheduled after this) and takes every workflow off the scheduler.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        _watcher?.Dispose();
        await _reloading.WaitAsync().ConfigureAwait(false);
        _reloading.Release();
        lock (_jobs)
        {
            foreach (var job in _jobs.Values)
                scheduler.RemoveJob(job);
            _jobs.Clear();
        }
    }

    /// <summary>Each workflow's next fire, for the start-up's log line.</summary>
    public string NextFires() => string.Join(", ", _catalog.Workflows.Select(w => $"{w.Name} {Next(w.Name)}{(IsPaused(w.Name) ? " (paused)" : "")}"));

    private async Task ApplyAsync(FlowCompilation compilation, bool starting)
    {
        var change = _catalog.Apply(compilation);
        LastCompilation = compilation;
        foreach (var diagnostic in change.Diagnostics)
            if (diagnostic.IsError)
                _log.CompileError(diagnostic.ToString());
            else
                _log.CompileWarning(diagnostic.ToString());
        foreach (var file in change.KeptFiles)
            _log.KeptPrevious(file);

        var now = time.GetUtcNow();
        foreach (var workflow in change.Removed)
        {
            Unschedule(workflow.Name);
            dispatcher.Removed(workflow);
        }
        var placed = change.Added.Concat(change.Changed).ToList();
        foreach (var workflow in placed)
            dispatcher.Placed(workflow);
        // Each workflow's watermark work is its own, so they go to the store together: at the first start in a
        // folder of a thousand workflows, a thousand "first seen" writes share a few commits instead of paying
        // one each (measured: 2.3 s one after the other). Catch-up fires are queued before the schedule is added.
        await Parallel.ForEachAsync(placed, new ParallelOptions { MaxDegreeOfParallelism = StoreParallelism }, async (workflow, cancellationToken) =>
        {
            if (starting)
                await CatchUpAsync(workflow, now).ConfigureAwait(false);
            else if (await session.Store.GetWatermarkAsync(workflow.Name, cancellationToken).ConfigureAwait(false) is null)
                await session.Store.AdvanceWatermarkAsync(workflow.Name, now, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        foreach (var workflow in placed)
            Schedule(workflow);
        if (!starting && (!change.IsEmpty || change.Diagnostics.Any(d => d.IsError)))
        {
            _log.Reloaded(Summary(change));
            RaiseReloaded(compilation, change);
        }
    }

    /// <summary>A reload event per file that changed what is in force, or has errors: its workflows now, or why it kept its previous version.</summary>
    private void RaiseReloaded(FlowCompilation compilation, CatalogChange change)
    {
        var measured = ReloadTelemetry.Measures;
        if (!events.IsListened && !measured)
            return;
        var files = compilation.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var paths = change.Added.Concat(change.Changed).Concat(change.Removed).Select(w => w.Position.Path)
            .Concat(compilation.Files.Where(f => !f.Ok).Select(f => f.Path))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            // A file gone from the folder took its workflows with it.
            var reload = files.TryGetValue(path, out var file)
                ? new ReloadEvent(path, file.Ok, file.Workflows, file.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToArray())
                : new ReloadEvent(path, true, [], []);
            if (measured)
                ReloadTelemetry.Reloaded(reload.Ok);
            events.Raise(reload);
        }
    }

    /// <summary>
    /// Missed fires in (watermark, now] per the workflow's <c>catchup</c>, queued oldest first for a concurrency
    /// slot. A workflow the store has never seen starts from now.
    /// </summary>
    private async Task CatchUpAsync(WorkflowDefinition workflow, DateTimeOffset now)
    {
        var watermark = await session.Store.GetWatermarkAsync(workflow.Name).ConfigureAwait(false);
        var missed = CatchupPlanner.Plan(workflow, watermark, now, _options.CatchupLimit);
        if (missed.Count == 0)
        {
            // Nothing to run (catchup none, or a first sight): record the decision so the next start plans from now.
            await session.Store.AdvanceWatermarkAsync(workflow.Name, now).ConfigureAwait(false);
            return;
        }
        // The watermark moves with each run as the store creates it, oldest first, so a stop or a crash midway
        // leaves exactly the fires not yet created to the next start. The older fires the plan left out (latest,
        // within, the limit) are passed when the first run is created.
        _log.CatchingUp(workflow.Name, missed.Count, watermark!.Value, EnumText.Name(workflow.Catchup.Mode));
        // Queued whatever overlap says, and past queue max: `catchup all` asks for each missed fire to run, one
        // after another, and CatchupLimit bounds how many there are.
        foreach (var at in missed)
            dispatcher.Fire(workflow, RunTrigger.Catchup, at, queue: true, queueMax: int.MaxValue);
    }

    private void Schedule(WorkflowDefinition workflow)
    {
        lock (_jobs)
        {
            _jobs.Remove(workflow.Name, out var old);
            if (workflow.Schedule is null)
            {
                if (old is not null)
                    scheduler.RemoveJob(old);
                return;
            }
            var job = new ScheduledJob(workflow.Name, dispatcher.OnSchedule(workflow), workflow.Schedule);
            // A changed workflow carries on from where its previous version is: a reload at the very instant of
            // a fire does not fire it again, and one a moment after an instant the scheduler has not reached yet
            // does not skip it.
            _jobs[workflow.Name] = old is null ? scheduler.AddJob(job) : scheduler.ReplaceJob(old, job);
        }
    }

    private void Unschedule(string name)
    {
        lock (_jobs)
            if (_jobs.Remove(name, out var old))
                scheduler.RemoveJob(old);
    }

    private string Summary(CatalogChange change)
    {
        var text = new StringBuilder();
        void Part(string label, IEnumerable<WorkflowDefinition> workflows, bool withNext)
        {
            var names = workflows.Select(w => withNext ? $"{w.Name} (next {Next(w.Name)}{(IsPaused(w.Name) ? ", paused" : "")})" : w.Name).ToList();
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
            text.Append(CultureInfo.InvariantCulture, $"; {errors} error(s), {change.KeptFiles.Count} file(s) kept their previous version");
        return text.ToString();
    }

    private string Next(string workflow)
    {
        lock (_jobs)
            return _jobs.TryGetValue(workflow, out var job) && job.NextRun is { } next ? next.ToString("O") : "none";
    }

    // A paused workflow's next fire is one the host will skip: the start-up's and the reload's lines say so.
    private bool IsPaused(string workflow) => paused.Since(workflow) is not null;
}
