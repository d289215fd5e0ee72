using System.Collections.Concurrent;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Every run the host has going (scheduled, caught up, resumed) and the one token that cancels them all,
/// so shutdown can wait for them for a grace period and then cancel what is left.
/// </summary>
internal sealed class RunTracker : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly ConcurrentDictionary<Task, byte> _active = new();

    public int Count => _active.Count;

    /// <summary>Starts <paramref name="work"/> on the thread pool; it must not throw (the host logs its own failures).</summary>
    public Task Track(Func<CancellationToken, Task> work)
    {
        var task = Task.Run(() => work(_cancel.Token));
        _active.TryAdd(task, 0);
        _ = task.ContinueWith(t => _active.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Waits up to <paramref name="grace"/> on <paramref name="time"/> for every run; then cancels the rest and waits for them to record it. True if all finished in time.</summary>
    public async Task<bool> DrainAsync(TimeSpan grace, TimeProvider time)
    {
        var all = Task.WhenAll(_active.Keys);
        using var stopWaiting = new CancellationTokenSource();
        var expired = Task.Delay(grace, time, stopWaiting.Token);
        if (await Task.WhenAny(all, expired).ConfigureAwait(false) == all)
        {
            await stopWaiting.CancelAsync().ConfigureAwait(false);
            return true;
        }
        await _cancel.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_active.Keys).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each run has logged its own end; shutdown only needs them over.
        }
        return false;
    }

    public void Dispose() => _cancel.Dispose();
}
