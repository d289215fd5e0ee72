using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The host's stop (Ctrl+C, SIGTERM): nothing new is scheduled, fired or started; running jobs get
/// <see cref="OrchestratorOptions.ShutdownGrace"/> to finish before they are cancelled and recorded as interrupted
/// (their runs resume at the next start); then the store is closed and let go for the next host.
/// </summary>
internal sealed class HostShutdown(
    IOptions<OrchestratorOptions> options, TimeProvider time, Scheduler scheduler, HostSession session, CatalogApplier catalog, FireDispatcher dispatcher,
    StoreWatch watch, HostEvents events, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(WorkflowHost.LogCategory);

    public async Task RunAsync()
    {
        dispatcher.StopFiring();
        // Event streams end now: a client still reading one never holds up the stop.
        events.Complete();
        // A reload in progress finishes first, so it cannot schedule anything after this.
        await catalog.StopAsync().ConfigureAwait(false);
        var dropped = dispatcher.StopStarting();
        var grace = options.Value.ShutdownGrace;
        _log.Stopping(grace, dispatcher.ActiveRuns, dropped);
        if (!await dispatcher.DrainAsync(grace, time).ConfigureAwait(false))
            _log.GraceExpired();
        // Read until the runs are over: a cancel asked for during the grace still stops its run.
        await watch.StopAsync().ConfigureAwait(false);
        scheduler.Dispose();
        await session.CloseAsync().ConfigureAwait(false);
        _log.Stopped();
    }
}
