using System.Diagnostics;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Hosting;

/// <summary>What the host works on once it has started: its store, held by the host's claim, and the executor over it.</summary>
internal sealed class HostSession(IStateStoreFactory stores, RunExecutorFactory executors, IOptions<OrchestratorOptions> options, HostEvents events) : IDisposable
{
    private IStateStore? _store;
    private IHostClaim? _claim;
    private RunExecutor? _executor;

    public IStateStore Store => _store ?? throw NotStarted();

    public IHostClaim Claim => _claim ?? throw NotStarted();

    public RunExecutor Executor => _executor ?? throw NotStarted();

    /// <summary>Claims and opens the store (a second host on a SQLite store stops here, naming the first); returns how long it took.</summary>
    public async Task<TimeSpan> OpenAsync(CancellationToken cancellationToken)
    {
        var opening = Stopwatch.GetTimestamp();
        (_store, _claim) = await stores.OpenForHostAsync(options.Value.Owner, cancellationToken).ConfigureAwait(false);
        _executor = executors.ForHost(_store);
        events.Watch(_executor);
        return Stopwatch.GetElapsedTime(opening);
    }

    /// <summary>Closes the store, then lets the next host have it.</summary>
    public async Task CloseAsync()
    {
        if (_store is not null)
            await _store.DisposeAsync().ConfigureAwait(false);
        Dispose();
    }

    public void Dispose()
    {
        _claim?.Dispose();
        _claim = null;
    }

    private static InvalidOperationException NotStarted() => new("The host has not started.");
}
