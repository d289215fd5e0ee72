using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Scripting;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The host's start-up once its store is open: resume the runs it holds as running, read what other processes asked
/// of the store, compile the folder, catch up and schedule each workflow, start the scheduler, the store watch and the folder watch; then say how long each step took and
/// when something will happen.
/// </summary>
internal sealed class HostStartup(
    IOptions<OrchestratorOptions> options, IJobRunner runner, Scheduler scheduler, CatalogApplier catalog, FireDispatcher dispatcher,
    StoreWatch watch, QueuedRunPoller queued, ExpiredLeaseSweep sweep, ILoggerFactory loggers)
{
    private readonly OrchestratorOptions _options = options.Value;
    private readonly ILogger _log = loggers.CreateLogger(WorkflowHost.LogCategory);

    /// <param name="storeOpen">How long opening the store took, for the timing line.</param>
    public async Task RunAsync(TimeSpan storeOpen)
    {
        Directory.CreateDirectory(_options.DataPath);
        // The first Jint engine costs ~0.5 s of JIT: paid on the other core while the folder compiles and
        // the store catches up, and before the first fire, not in it.
        var warmingUp = Task.Run(runner.WarmUp, CancellationToken.None);
        var phase = Stopwatch.GetTimestamp();
        await dispatcher.ResumeAsync().ConfigureAwait(false);
        // What other processes asked for while no host ran (a pause, a cancel) holds before anything is scheduled.
        await watch.PollOnceAsync().ConfigureAwait(false);
        var resume = Stopwatch.GetElapsedTime(phase);
        phase = Stopwatch.GetTimestamp();
        var compilation = catalog.Compile();
        var compile = Stopwatch.GetElapsedTime(phase);
        phase = Stopwatch.GetTimestamp();
        await catalog.ApplyAtStartAsync(compilation).ConfigureAwait(false);
        var place = Stopwatch.GetElapsedTime(phase);
        var warmUp = await warmingUp.ConfigureAwait(false);
        scheduler.Start();
        // Queued (backfill) runs are taken once every gate has its workflow's concurrency; so are other hosts' expired runs.
        queued.Start();
        sweep.Start();
        watch.Start();
        _log.StartupTimes((long)(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds, Ms(storeOpen), Ms(warmUp), Ms(resume), Ms(compile), Ms(place));
        catalog.StartWatching();
        _log.Started(catalog.Workflows.Count, _options.WorkflowsPath, _options.StatePath, _options.DataPath);
        // A new user's first minute: say when something will happen, not just that the host is up.
        if (catalog.Workflows.Count > 0)
            _log.NextFires(catalog.NextFires());
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;
}
