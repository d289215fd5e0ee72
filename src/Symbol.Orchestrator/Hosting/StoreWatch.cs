using Microsoft.Extensions.Logging;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The host's eye on its store: every <see cref="Interval"/> of the host's clock it asks each registered poller what
/// another process wrote there (a cancel request, a pause, queued runs), one poller after another, so that a verb run
/// from a shell takes effect on the running host within a second. The host reads the store rather than listening on a
/// socket: the store is the one place every process (and, on PostgreSQL, every host) already shares. A poller that
/// throws is logged and asked again at the next tick.
/// </summary>
internal sealed class StoreWatch(TimeProvider time, ILoggerFactory loggers) : IAsyncDisposable
{
    /// <summary>How often the store is read: a quarter of the second within which a verb must take effect.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly ILogger _log = loggers.CreateLogger(WorkflowHost.LogCategory);
    private readonly List<(string Name, Func<CancellationToken, Task> Poll)> _pollers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _stopped;

    /// <summary>Adds a poller, named for the log line when it fails; components register theirs when they are built.</summary>
    public void Register(string name, Func<CancellationToken, Task> poll) => _pollers.Add((name, poll));

    /// <summary>Asks every poller once, now; the host does so before it schedules anything, so a paused workflow never fires at start.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (name, poll) in _pollers)
        {
            try
            {
                await poll(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.PollFailed(e, name);
            }
        }
    }

    /// <summary>Polls every <see cref="Interval"/> until <see cref="StopAsync"/>.</summary>
    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Stops the polling and waits for a poll in progress; the second call (the host's stop, then disposal, in either order) only waits.</summary>
    public async Task StopAsync()
    {
        // A host that fails to start (its HTTP port taken) is disposed while its stop is still on its way here.
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
            await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, time, _stop.Token).ConfigureAwait(false);
                await PollOnceAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
