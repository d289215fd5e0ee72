using System.Collections.Concurrent;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Tests.State;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>
/// A store that passes every call to a real one, logs attempt starts and finishes in the order they
/// reach the real store, and lets a test hold back or refuse one job's attempt start.
/// </summary>
internal sealed class InterceptedStore(IStateStore inner) : ForwardingStore(inner)
{
    private readonly ConcurrentDictionary<string, Func<Task>> _beforeStart = new();
    private readonly ConcurrentQueue<string> _writes = new();

    /// <summary>"start a 1", "finish a 1", … as the real store received them.</summary>
    public IReadOnlyList<string> Writes => _writes.ToArray();

    /// <summary>Runs <paramref name="hook"/> before <paramref name="job"/>'s attempt start reaches the store; a throw refuses it.</summary>
    public void BeforeStart(string job, Func<Task> hook) => _beforeStart[job] = hook;

    public override async Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default)
    {
        if (_beforeStart.TryGetValue(job, out var hook))
            await hook();
        await Inner.StartAttemptAsync(runId, job, attempt, at, leaseToken, cancellationToken);
        _writes.Enqueue($"start {job} {attempt}");
    }

    public override async Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        _writes.Enqueue($"finish {finish.Job} {finish.Attempt}");
        await Inner.FinishAttemptAsync(finish, cancellationToken);
    }

    // The harness owns the real store.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
