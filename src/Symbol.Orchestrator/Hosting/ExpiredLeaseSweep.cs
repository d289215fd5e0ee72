using Microsoft.Extensions.Logging;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Every half lease (on the host's clock, at a tick of the <see cref="StoreWatch"/>), takes over the runs of other owners
/// whose lease ran out (a host that died, froze, or lost the database; a <c>trigger</c> that was killed) and resumes them
/// as start-up resumes a host's own (<see cref="FireDispatcher.Resume"/>). A run is taken over at most half a lease after
/// its lease expired, so a dead host's runs go on elsewhere within one and a half leases of its last renewal. The store
/// hands each expired run to one sweeping host, and the owner that lost it finds every later write refused.
/// </summary>
internal sealed class ExpiredLeaseSweep : IDisposable
{
    // Runs taken over at a sweep; the rest are the next sweep's, so one sweep never floods a host with a dead one's backlog.
    private const int Batch = 100;

    private readonly HostSession _session;
    private readonly FireDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private volatile bool _started;
    private readonly SemaphoreSlim _sweeping = new(1, 1);

    public ExpiredLeaseSweep(HostSession session, FireDispatcher dispatcher, StoreWatch watch, TimeProvider time, ILoggerFactory loggers)
    {
        _session = session;
        _dispatcher = dispatcher;
        _time = time;
        _log = loggers.CreateLogger(WorkflowHost.LogCategory);
        watch.Register("expired leases", SweepAsync);
    }

    /// <summary>
    /// Sweeps from now on. The host calls it once its workflows are placed, so a run taken over holds a slot of a gate that
    /// has its workflow's concurrency; the runs expired at start-up were claimed then already.
    /// </summary>
    public void Start() => _started = true;

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (!_started || _dispatcher.IsStopping)
            return;
        // One sweep at a time (the watch's tick and a poll made by hand may meet): the later one waits, then finds it is not due.
        await _sweeping.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (now < _next)
                return;
            var executor = _session.Executor.Options;
            var half = executor.Lease / 2;
            // On a fixed cadence from the first sweep: a tick that comes late does not push the next sweep later, so a
            // lease that runs out is swept within half a lease.
            _next = _next == DateTimeOffset.MinValue ? now + half : _next + half;
            while (_next <= now)
                _next += half;
            var taken = await _session.Store.ClaimExpiredRunsAsync(executor.Owner, executor.Lease, Batch, cancellationToken).ConfigureAwait(false);
            foreach (var (run, previousOwner, expiredAt) in taken)
            {
                _log.TookOver(run.RunId, previousOwner ?? "(no owner)", expiredAt);
                _dispatcher.Resume(run);
            }
            // A full batch means more are waiting: the next tick takes them rather than half a lease later.
            if (taken.Count == Batch)
                _next = now;
        }
        finally
        {
            _sweeping.Release();
        }
    }

    public void Dispose() => _sweeping.Dispose();
}
